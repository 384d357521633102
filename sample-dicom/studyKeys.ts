/** The sample studies, in the order the worklist and tests expect them. */
export const STUDY_KEYS = ['case1-pelvis-ct', 'case2-pelvis-ct', 'case2-cbct', 'case3-spine-ct', 'case3-cbct'] as const;

export type StudyKey = (typeof STUDY_KEYS)[number];
