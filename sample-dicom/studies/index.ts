import type { StudyKey } from '../studyKeys';
import { case1PelvisCt } from './case1PelvisCt';
import { case2Cbct } from './case2Cbct';
import { case2PelvisCt } from './case2PelvisCt';
import { case3Cbct } from './case3Cbct';
import { case3SpineCt } from './case3SpineCt';
import type { StudyDefinition } from './studyDefinition';

/** The definition of every sample study, by key. */
export const STUDIES: Readonly<Record<StudyKey, StudyDefinition>> = {
  'case1-pelvis-ct': case1PelvisCt,
  'case2-pelvis-ct': case2PelvisCt,
  'case2-cbct': case2Cbct,
  'case3-spine-ct': case3SpineCt,
  'case3-cbct': case3Cbct,
};
