import type { ReactNode } from 'react';
import { TopBar } from '../TopBar';

/** A page that only says something (no access, signed in elsewhere). */
export function NoticePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page">
      <TopBar title={title} />
      <div className="pad" data-testid="notice">
        {children}
      </div>
    </div>
  );
}
