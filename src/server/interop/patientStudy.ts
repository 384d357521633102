import dcmjs from 'dcmjs';
import type { DicomJsonDataset } from '../../dicom/dicomJson';
import type { NaturalDataset } from '../../interop/part10';
import { PATIENT_STUDY_KEYWORDS, patientStudyOf } from '../../interop/patientStudy';

// The pick itself is shared with the browser (a plan on local files is exported there): one rule, in interop/.
export { PATIENT_STUDY_KEYWORDS, patientStudyOf };

/** Tag (8 upper-case hex digits) of each PATIENT_STUDY_KEYWORDS keyword, from dcmjs's dictionary. */
function tagsOfKeywords(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const keyword of PATIENT_STUDY_KEYWORDS) {
    const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
    if (entry) tags.set(entry.tag.replace(/[(),]/g, '').toUpperCase(), keyword);
  }
  return tags;
}

/**
 * The same attributes from one instance's DICOM JSON (WADO-RS metadata of a PACS series),
 * naturalized. Only these tags are naturalized: the rest of the metadata (bulk data URIs,
 * private tags) is not ours to interpret here.
 */
export function patientStudyOfDicomJson(json: DicomJsonDataset): NaturalDataset {
  const tags = tagsOfKeywords();
  const subset: Record<string, unknown> = {};
  for (const [tag, value] of Object.entries(json)) {
    if (!tags.has(tag.toUpperCase())) continue;
    // DICOM JSON writes an empty attribute without "Value"; dcmjs reads the same empty element of a
    // Part 10 file as an empty Value. Made alike, a PACS CT and its file give the same attributes.
    const attribute = typeof value === 'object' && value !== null && !('Value' in value) ? { ...value, Value: [] } : value;
    subset[tag.toUpperCase()] = attribute;
  }
  // patientStudyOf again: drops what dcmjs adds of its own (_vrMap).
  return patientStudyOf(dcmjs.data.DicomMetaDictionary.naturalizeDataset(subset));
}
