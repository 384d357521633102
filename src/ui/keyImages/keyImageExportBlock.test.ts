import { describe, expect, it } from 'vitest';
import { visibleActions } from '../auth/roleActions';
import { keyImageExportBlock } from './keyImageExportBlock';

describe('keyImageExportBlock', () => {
  it('only attendings may export identifiable DICOM: trainee, board and admin accounts get the reason', () => {
    expect((['attending', 'trainee', 'board', 'admin'] as const).map((r) => visibleActions([r]).exportIdentifiable)).toEqual([true, false, false, false]);
    const board = { exportIdentifiable: visibleActions(['board']).exportIdentifiable, count: 3, purpose: 'board' as const, pacs: 'PACS' };
    expect(keyImageExportBlock(board, 'download')).toMatch(/Only attendings/);
    expect(keyImageExportBlock(board, 'send')).toMatch(/Only attendings/);
  });

  it('an attending with no key images of that purpose is told to save one first', () => {
    expect(keyImageExportBlock({ exportIdentifiable: true, count: 0, purpose: 'teaching', pacs: 'PACS' }, 'download')).toMatch(/No teaching key images/);
  });

  it('sending needs a PACS; downloading does not', () => {
    const s = { exportIdentifiable: true, count: 2, purpose: 'board' as const, pacs: null };
    expect(keyImageExportBlock(s, 'download')).toBeUndefined();
    expect(keyImageExportBlock(s, 'send')).toMatch(/No PACS/);
    expect(keyImageExportBlock({ ...s, pacs: 'Test PACS' }, 'send')).toBeUndefined();
  });
});
