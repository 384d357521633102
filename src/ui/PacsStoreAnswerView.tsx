/** The SOP classes PercuPlan sends, by the names the answers show. */
const SOP_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.66.4': 'SEG',
  '1.2.840.10008.5.1.4.1.1.88.34': 'SR',
  '1.2.840.10008.5.1.4.1.1.88.59': 'KOS',
  '1.2.840.10008.5.1.4.1.1.7': 'Secondary Capture',
};
const kindOf = (sopClassUID: string): string => SOP_NAMES[sopClassUID] ?? sopClassUID;

interface Sent {
  sopClassUID: string;
  sopInstanceUID: string;
}

/** What a PACS answered to a STOW-RS: its label, the instances it stored and those it refused, with why. */
export interface PacsAnswerLike {
  pacs: string;
  stored: readonly (Sent & { warning?: string })[];
  failed: readonly (Sent & { reason: string })[];
}

/**
 * What the PACS did: N stored, M failed with reasons, the instance UIDs on expand. `testId`
 * prefixes the test ids (`<testId>-result`, `-summary`, `-failure`); `suffix` follows the summary
 * (e.g. the plan version).
 */
export function PacsStoreAnswerView({ answer, testId, suffix = '' }: { answer: PacsAnswerLike; testId: string; suffix?: string }) {
  const { stored, failed } = answer;
  return (
    <div className={failed.length ? 'error-text' : 'muted small-text'} data-testid={`${testId}-result`}>
      <span data-testid={`${testId}-summary`}>
        {stored.length} stored{failed.length ? `, ${failed.length} failed` : ''} on {answer.pacs}
        {suffix}
      </span>
      {failed.map((f) => (
        <div key={f.sopInstanceUID} className="small-text" data-testid={`${testId}-failure`}>
          {kindOf(f.sopClassUID)} not stored: {f.reason}
        </div>
      ))}
      <details className="small-text">
        <summary>SOP Instance UIDs</summary>
        {stored.map((s) => (
          <div key={s.sopInstanceUID} title={s.sopClassUID}>
            {kindOf(s.sopClassUID)} stored: <code>{s.sopInstanceUID}</code>
            {s.warning ? ` (warning ${s.warning})` : ''}
          </div>
        ))}
        {failed.map((f) => (
          <div key={f.sopInstanceUID} title={f.sopClassUID}>
            {kindOf(f.sopClassUID)} failed: <code>{f.sopInstanceUID}</code>
          </div>
        ))}
      </details>
    </div>
  );
}
