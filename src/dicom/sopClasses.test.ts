import { describe, expect, it } from 'vitest';
import { classifySopClass, isImageObject } from './sopClasses';

describe('classifySopClass', () => {
  it.each([
    ['1.2.840.10008.5.1.4.1.1.2', 'CT Image Storage'],
    ['1.2.840.10008.5.1.4.1.1.4', 'MR Image Storage'],
    ['1.2.840.10008.5.1.4.1.1.1', 'Computed Radiography Image Storage'],
    ['1.2.840.10008.5.1.4.1.1.1.1', 'Digital X-Ray Image (For Presentation) Storage'],
    ['1.2.840.10008.5.1.4.1.1.7', 'Secondary Capture Image Storage'],
    ['1.2.840.10008.5.1.4.1.1.12.1', 'X-Ray Angiographic Image Storage'],
    ['1.2.840.10008.5.1.4.1.1.481.1', 'RT Image Storage'],
  ])('%s is an image (%s)', (uid, name) => {
    expect(classifySopClass(uid)).toEqual({ uid, kind: 'image', name });
  });

  it('marks enhanced and legacy-converted classes as multi-frame with per-frame geometry', () => {
    expect(classifySopClass('1.2.840.10008.5.1.4.1.1.2.1')).toMatchObject({ kind: 'image', name: 'Enhanced CT Image Storage', enhancedMultiFrame: true });
    expect(classifySopClass('1.2.840.10008.5.1.4.1.1.2.2').enhancedMultiFrame).toBe(true);
  });

  it.each([
    ['1.2.840.10008.5.1.4.1.1.88.11', 'Basic Text SR Storage', 'structured-report'],
    ['1.2.840.10008.5.1.4.1.1.88.33', 'Comprehensive SR Storage', 'structured-report'],
    ['1.2.840.10008.5.1.4.1.1.88.59', 'Key Object Selection Document Storage', 'key-object-selection'],
    ['1.2.840.10008.5.1.4.1.1.66.4', 'Segmentation Storage', 'segmentation'],
    ['1.2.840.10008.5.1.4.1.1.481.2', 'RT Dose Storage', 'rt'],
    ['1.2.840.10008.5.1.4.1.1.481.3', 'RT Structure Set Storage', 'rt'],
    ['1.2.840.10008.5.1.4.1.1.481.5', 'RT Plan Storage', 'rt'],
    ['1.2.840.10008.5.1.4.1.1.104.1', 'Encapsulated PDF Storage', 'document'],
    ['1.2.840.10008.5.1.4.1.1.11.1', 'Grayscale Softcopy Presentation State Storage', 'presentation-state'],
    ['1.2.840.10008.5.1.4.1.1.66', 'Raw Data Storage', 'raw-data'],
    ['1.2.840.10008.1.3.10', 'Media Storage Directory (DICOMDIR)', 'directory'],
  ])('%s is a non-image object (%s)', (uid, name, category) => {
    expect(classifySopClass(uid)).toEqual({ uid, kind: 'non-image', name, category });
  });

  it('recognises unlisted members of non-image families', () => {
    // 88.74 (Planned Imaging Agent Administration SR) and 11.12 are not in the table.
    expect(classifySopClass('1.2.840.10008.5.1.4.1.1.88.74')).toMatchObject({ kind: 'non-image', category: 'structured-report' });
    expect(classifySopClass('1.2.840.10008.5.1.4.1.1.11.12')).toMatchObject({ kind: 'non-image', category: 'presentation-state' });
  });

  it('strips the padding a UI value may carry', () => {
    expect(classifySopClass('1.2.840.10008.5.1.4.1.1.2\0').name).toBe('CT Image Storage');
  });

  it('leaves private and empty classes unknown', () => {
    expect(classifySopClass('1.3.6.1.4.1.99999.1')).toEqual({ uid: '1.3.6.1.4.1.99999.1', kind: 'unknown', name: 'unknown SOP Class 1.3.6.1.4.1.99999.1' });
    expect(classifySopClass('').name).toBe('no SOP Class UID');
  });
});

describe('isImageObject', () => {
  it('decides known classes by class and unknown ones by pixel data', () => {
    expect(isImageObject('1.2.840.10008.5.1.4.1.1.2', false)).toBe(true);
    // RT Dose and SEG carry pixel data but are never drawn as slices.
    expect(isImageObject('1.2.840.10008.5.1.4.1.1.481.2', true)).toBe(false);
    expect(isImageObject('1.2.840.10008.5.1.4.1.1.66.4', true)).toBe(false);
    expect(isImageObject('1.3.6.1.4.1.99999.1', true)).toBe(true);
    expect(isImageObject('1.3.6.1.4.1.99999.1', false)).toBe(false);
  });
});
