import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import '../ui/styles.css';
import { exposeTestHandle } from '../ui/testHandle';
import { startAuth } from '../ui/auth/authStore';

exposeTestHandle(undefined);
// Who is signed in, asked once (not in an effect, which StrictMode runs twice).
void startAuth();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
