/**
 * An independent reader for the SR tests: a Python script run with Debian's pydicom (never
 * dcmjs) that walks a TID 1500 report and prints, as JSON, the document attributes the tests
 * check and every measurement group with its tracking identifiers, finding, SCOORD3D points and
 * NUMs (concept, value as written, unit, and the codes of their concept modifiers).
 */
export const SR_WALK_SCRIPT = String.raw`
import json, sys
import pydicom

ds = pydicom.dcmread(sys.argv[1])

def code(seq):
    if not seq:
        return None
    c = seq[0]
    return [str(c.CodeValue), str(c.CodingSchemeDesignator), str(c.CodeMeaning)]

def items(node):
    return list(node.ContentSequence) if 'ContentSequence' in node else []

def walk_points(node, out):
    for it in items(node):
        if it.ValueType == 'SCOORD3D':
            out.append({'type': str(it.GraphicType), 'data': [float(v) for v in it.GraphicData],
                        'frame': str(it.ReferencedFrameOfReferenceUID), 'concept': code(it.get('ConceptNameCodeSequence'))})
        walk_points(it, out)

def group(g):
    out = {'nums': [], 'texts': [], 'codes': [], 'uids': [], 'images': [], 'points': []}
    for it in items(g):
        vt = it.ValueType
        concept = code(it.ConceptNameCodeSequence)
        if vt == 'TEXT':
            out['texts'].append({'concept': concept, 'value': str(it.TextValue), 'rel': it.RelationshipType})
        elif vt == 'UIDREF':
            out['uids'].append({'concept': concept, 'value': str(it.UID)})
        elif vt == 'CODE':
            out['codes'].append({'concept': concept, 'value': code(it.ConceptCodeSequence), 'rel': it.RelationshipType,
                                 'mods': [code(m.ConceptCodeSequence) for m in items(it) if m.ValueType == 'CODE']})
        elif vt == 'IMAGE':
            r = it.ReferencedSOPSequence[0]
            out['images'].append({'concept': concept, 'sop': str(r.ReferencedSOPInstanceUID),
                                  'segment': int(r.ReferencedSegmentNumber) if 'ReferencedSegmentNumber' in r else None})
        elif vt == 'NUM':
            mv = it.MeasuredValueSequence[0]
            out['nums'].append({'concept': concept, 'text': str(mv.NumericValue.original_string if hasattr(mv.NumericValue, 'original_string') else mv.NumericValue),
                                'value': float(mv.NumericValue), 'unit': code(mv.MeasurementUnitsCodeSequence),
                                'mods': [{'concept': code(m.ConceptNameCodeSequence), 'value': code(m.ConceptCodeSequence) if m.ValueType == 'CODE' else str(m.TextValue)}
                                         for m in items(it) if m.ValueType in ('CODE', 'TEXT')]})
        walk_points(it, out['points'])
    return out

groups = []
root_items = []
def find_groups(node):
    for it in items(node):
        c = code(it.get('ConceptNameCodeSequence'))
        if it.ValueType == 'CONTAINER' and c and c[0] == '125007':
            groups.append(group(it))
        else:
            find_groups(it)
find_groups(ds)

def refs(seq_name):
    out = []
    for st in ds.get(seq_name, []):
        for se in st.ReferencedSeriesSequence:
            for s in se.ReferencedSOPSequence:
                out.append({'study': str(st.StudyInstanceUID), 'series': str(se.SeriesInstanceUID), 'sop': str(s.ReferencedSOPInstanceUID), 'cls': str(s.ReferencedSOPClassUID)})
    return out

print(json.dumps({
    'sopClass': str(ds.SOPClassUID), 'sop': str(ds.SOPInstanceUID), 'series': str(ds.SeriesInstanceUID),
    'study': str(ds.StudyInstanceUID), 'modality': str(ds.Modality), 'seriesDescription': str(ds.get('SeriesDescription', '')),
    'instanceNumber': int(ds.InstanceNumber), 'contentDate': str(ds.ContentDate), 'contentTime': str(ds.ContentTime),
    'completion': str(ds.CompletionFlag), 'verification': str(ds.VerificationFlag),
    'verifier': [str(v.VerifyingObserverName) for v in ds.get('VerifyingObserverSequence', [])],
    'root': code(ds.ConceptNameCodeSequence), 'rootType': str(ds.ValueType),
    'templates': [[str(t.MappingResource), str(t.TemplateIdentifier)] for t in ds.get('ContentTemplateSequence', [])],
    'schemes': [{'designator': str(s.CodingSchemeDesignator), 'name': str(s.get('CodingSchemeName', ''))} for s in ds.get('CodingSchemeIdentificationSequence', [])],
    'evidence': refs('CurrentRequestedProcedureEvidenceSequence'), 'predecessors': refs('PredecessorDocumentsSequence'),
    'patientName': str(ds.PatientName), 'patientID': str(ds.PatientID),
    'rootItems': [[str(i.RelationshipType), str(i.ValueType), code(i.ConceptNameCodeSequence)] for i in items(ds)],
    'groups': groups,
}))
`;

/** A coded concept as the script prints it: [value, scheme, meaning]. */
export type WalkedCode = [string, string, string] | null;

/** One NUM of a group as the script prints it. */
export interface WalkedNum {
  concept: WalkedCode;
  text: string;
  value: number;
  unit: WalkedCode;
  mods: { concept: WalkedCode; value: WalkedCode | string }[];
}

/** One measurement group as the script prints it. */
export interface WalkedGroup {
  nums: WalkedNum[];
  texts: { concept: WalkedCode; value: string; rel: string }[];
  codes: { concept: WalkedCode; value: WalkedCode; rel: string; mods: WalkedCode[] }[];
  uids: { concept: WalkedCode; value: string }[];
  images: { concept: WalkedCode; sop: string; segment: number | null }[];
  points: { type: string; data: number[]; frame: string; concept: WalkedCode }[];
}

interface WalkedRef {
  study: string;
  series: string;
  sop: string;
  cls: string;
}

/** The whole report as the script prints it. */
export interface WalkedReport {
  sopClass: string;
  sop: string;
  series: string;
  study: string;
  modality: string;
  seriesDescription: string;
  instanceNumber: number;
  contentDate: string;
  contentTime: string;
  completion: string;
  verification: string;
  verifier: string[];
  root: WalkedCode;
  rootType: string;
  templates: [string, string][];
  schemes: { designator: string; name: string }[];
  evidence: WalkedRef[];
  predecessors: WalkedRef[];
  patientName: string;
  patientID: string;
  rootItems: [string, string, WalkedCode][];
  groups: WalkedGroup[];
}

/** The text value of the group's item with this concept code value. */
export const groupText = (g: WalkedGroup, codeValue: string): string | undefined => g.texts.find((t) => t.concept?.[0] === codeValue)?.value;
/** The UIDREF value of the group's item with this concept code value. */
export const groupUid = (g: WalkedGroup, codeValue: string): string | undefined => g.uids.find((t) => t.concept?.[0] === codeValue)?.value;
/** The NUMs of the group with this concept code value. */
export const groupNums = (g: WalkedGroup, codeValue: string): WalkedNum[] => g.nums.filter((n) => n.concept?.[0] === codeValue);
/** The one NUM with this concept whose Measurement Method (SCT 370129005) is `method`. */
export const numByMethod = (g: WalkedGroup, codeValue: string, method: string): WalkedNum | undefined =>
  groupNums(g, codeValue).find((n) => n.mods.some((m) => m.concept?.[0] === '370129005' && Array.isArray(m.value) && m.value[0] === method));
