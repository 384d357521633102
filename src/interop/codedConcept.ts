/**
 * A coded concept as DICOM writes it in a Code Sequence item (PS3.3 Table 8.8-1): the
 * value, the scheme's designator and the meaning, in naturalized (keyword) form.
 */
export interface CodedConcept {
  readonly CodeValue: string;
  readonly CodingSchemeDesignator: string;
  readonly CodeMeaning: string;
}

/** A coded concept. */
export const code = (value: string, scheme: string, meaning: string): CodedConcept => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});
