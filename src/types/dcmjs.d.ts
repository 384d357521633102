// The part of dcmjs 0.52 (no bundled types) that PercuPlan uses: Part 10 read/write and the
// naturalized (keyword-named) dataset form. Keep this small; add members only as they are used.
declare module 'dcmjs' {
  /** A dataset with DICOM keywords as keys (dcmjs "naturalized" form); sequences are arrays of datasets. */
  export type NaturalDataset = Record<string, unknown>;

  export interface DicomDictInstance {
    /** File meta information (group 0002), tag-keyed ("00020010": { vr, Value }). */
    meta: Record<string, unknown>;
    /** The dataset, tag-keyed. */
    dict: Record<string, unknown>;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  export interface DicomMessageStatic {
    readFile(
      buffer: ArrayBuffer,
      options?: { ignoreErrors?: boolean; untilTag?: string; includeUntilTagValue?: boolean; noCopy?: boolean; forceStoreRaw?: boolean },
    ): DicomDictInstance;
  }

  export interface DictionaryEntry {
    tag: string;
    vr: string;
    name: string;
    vm?: string;
  }

  export interface DicomMetaDictionaryStatic {
    naturalizeDataset(dataset: Record<string, unknown>): NaturalDataset;
    denaturalizeDataset(dataset: NaturalDataset): Record<string, unknown>;
    /** Keyword → entry. */
    nameMap: Record<string, DictionaryEntry>;
    /** "(gggg,eeee)" → entry. */
    dictionary: Record<string, DictionaryEntry>;
  }

  export interface DcmjsData {
    DicomMessage: DicomMessageStatic;
    DicomDict: new (meta: Record<string, unknown>) => DicomDictInstance;
    DicomMetaDictionary: DicomMetaDictionaryStatic;
  }

  const dcmjs: { data: DcmjsData; log: { setLevel(level: string): void; getLogger?(name: string): { setLevel(level: string): void } } };
  export default dcmjs;
}
