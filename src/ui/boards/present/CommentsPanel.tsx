import { useState } from 'react';
import type { BoardComment } from '../../../records';
import { boardMeetingApi } from '../../../api/boardMeeting';
import { errorText } from '../../../api/apiProblem';
import { isoMinute } from '../isoText';

/**
 * The comments on the current case (polled with the meeting) and, for accounts with
 * `board.comment`, a box to add one (Ctrl+Enter sends). A refused or failed comment keeps its text
 * and says why.
 */
export function CommentsPanel({ boardId, caseId, comments, loadError, canComment, onAdded }: {
  boardId: string;
  caseId: string;
  comments: readonly BoardComment[];
  loadError: string | undefined;
  canComment: boolean;
  onAdded: () => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const mine = comments.filter((c) => c.caseId === caseId);
  const send = async (): Promise<void> => {
    if (!text.trim() || sending) return;
    setSending(true);
    setError(undefined);
    try {
      await boardMeetingApi.comment(boardId, caseId, text.trim());
      setText('');
      await onAdded();
    } catch (e) {
      setError(`Not added: ${errorText(e)}`);
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="present-comments" data-testid="present-comments">
      <h3>Comments ({mine.length})</h3>
      {loadError && <div className="error-text small">Comments could not be read: {loadError}</div>}
      <ol className="present-comment-list" data-testid="comment-list">
        {mine.map((c) => (
          <li key={c.id} data-testid="comment">
            <div className="present-comment-meta"><b>{c.by}</b> <span className="mono muted">{isoMinute(c.at)}</span></div>
            <div className="present-comment-text">{c.text}</div>
          </li>
        ))}
        {!mine.length && <li className="muted">No comment yet.</li>}
      </ol>
      {canComment && (
        <div className="present-comment-add">
          <textarea rows={2} placeholder="Add a comment (Ctrl+Enter)" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void send(); } }} data-testid="comment-text" />
          <button onClick={() => void send()} disabled={sending || !text.trim()} data-testid="comment-send">{sending ? 'Adding…' : 'Add'}</button>
        </div>
      )}
      {error && <div className="error-text" data-testid="comment-error">{error}</div>}
    </section>
  );
}
