/**
 * An independent decoder of a SEG for the tests: Debian's pydicom reads the files, the
 * Python below (no dcmjs, no PercuPlan code) unpacks the bits least significant bit first
 * itself, finds each frame's CT slice by matching its PlanePosition ImagePositionPatient to
 * the CT files' positions (read by pydicom, ordered along row × column), and rebuilds each
 * segment as a list of [i column, j row, k slice] voxels, by its SegmentLabel (`voxels`) and by
 * its SegmentNumber (`bySegment`, for plans whose labels repeat).
 *
 * argv: the SEG file, then the CT files. Prints JSON.
 */
export const SEG_DECODE_PY = String.raw`
import json, sys
import pydicom

seg = pydicom.dcmread(sys.argv[1])
cts = [pydicom.dcmread(f, stop_before_pixels=True) for f in sys.argv[2:]]
o = [float(v) for v in cts[0].ImageOrientationPatient]
row, col = o[:3], o[3:]
normal = [row[1]*col[2]-row[2]*col[1], row[2]*col[0]-row[0]*col[2], row[0]*col[1]-row[1]*col[0]]
def along(p):
    return sum(float(p[a]) * normal[a] for a in range(3))
cts.sort(key=lambda d: along(d.ImagePositionPatient))
ct_positions = [[float(v) for v in d.ImagePositionPatient] for d in cts]
ct_uids = [d.SOPInstanceUID for d in cts]

rows, cols, frames = int(seg.Rows), int(seg.Columns), int(seg.NumberOfFrames)
data = seg.PixelData
labels = {}
segments = []
for s in seg.SegmentSequence:
    labels[int(s.SegmentNumber)] = str(s.SegmentLabel)
    segments.append({
        'number': int(s.SegmentNumber),
        'label': str(s.SegmentLabel),
        'algorithmType': str(s.SegmentAlgorithmType),
        'algorithmName': str(s.get('SegmentAlgorithmName', '')),
        'category': str(s.SegmentedPropertyCategoryCodeSequence[0].CodeValue),
        'type': str(s.SegmentedPropertyTypeCodeSequence[0].CodeValue),
        'typeScheme': str(s.SegmentedPropertyTypeCodeSequence[0].CodingSchemeDesignator),
        'lab': [int(v) for v in s.RecommendedDisplayCIELabValue],
        'trackingId': str(s.TrackingID),
        'trackingUid': str(s.TrackingUID),
    })
voxels = {label: [] for label in labels.values()}
problems = []
frame_slice = []
frame_segment = []
for f, item in enumerate(seg.PerFrameFunctionalGroupsSequence):
    number = int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
    ipp = [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient]
    ks = [k for k, p in enumerate(ct_positions) if max(abs(p[a] - ipp[a]) for a in range(3)) < 1e-3]
    frame_segment.append(number)
    frame_slice.append(ks[0] if len(ks) == 1 else None)
    if len(ks) != 1:
        problems.append('frame %d: position %s matches %d CT slices' % (f + 1, ipp, len(ks)))
        continue
    src = item.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID
    if src != ct_uids[ks[0]]:
        problems.append('frame %d: source image %s is not the CT slice at its position' % (f + 1, src))
    dims = [int(v) for v in item.FrameContentSequence[0].DimensionIndexValues]
    if dims[0] != number:
        problems.append('frame %d: dimension index %s does not name segment %d' % (f + 1, dims, number))
# Bits least significant first, frames back to back: bit b is pixel b % (rows * cols) of frame b // (rows * cols).
frame_pixels = rows * cols
by_segment = {str(n): [] for n in labels}
used = set()
for at, byte in enumerate(data):
    if not byte:
        continue
    for bit in range(8):
        if not (byte >> bit) & 1:
            continue
        b = at * 8 + bit
        f, p = divmod(b, frame_pixels)
        if f >= frames:
            problems.append('bit %d set past the last frame' % b)
            continue
        used.add(f)
        k = frame_slice[f]
        if k is not None:
            voxels[labels[frame_segment[f]]].append([p % cols, p // cols, k])
            by_segment[str(frame_segment[f])].append([p % cols, p // cols, k])
for f in range(frames):
    if f not in used:
        problems.append('frame %d is empty' % (f + 1))
print(json.dumps({
    'rows': rows, 'columns': cols, 'frames': frames, 'perFrameItems': len(seg.PerFrameFunctionalGroupsSequence),
    'pixelBytes': len(data), 'segments': segments, 'voxels': voxels, 'bySegment': by_segment, 'problems': problems,
    'referencedInstances': sorted(i.ReferencedSOPInstanceUID for i in seg.ReferencedSeriesSequence[0].ReferencedInstanceSequence),
    'ctInstances': sorted(ct_uids),
}))
`;
