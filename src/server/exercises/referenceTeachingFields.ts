import type { TeachingCreateInput } from '../../records';

/** One reference case as it ships as an exercise: which demo case, and its teaching fields. */
export interface ReferenceExercise {
  /** The marker key (reference_exercises.key). */
  readonly key: string;
  /** The demo case's pseudonym (server/records/demoCases.ts). */
  readonly pseudonym: string;
  readonly fields: NonNullable<TeachingCreateInput['fields']>;
}

/**
 * The teaching fields of the three reference cases (shared/docs/domain.md), written for
 * trainees: the title is the diagnosis, the presentation one line, the learning points what the
 * case teaches about case selection and needle planning.
 */
export const REFERENCE_EXERCISES: readonly ReferenceExercise[] = [
  {
    key: 'reference-case-1',
    pseudonym: 'Reference case 1',
    fields: {
      title: 'Metastatic small-cell carcinoma: osteolytic right iliac bone lesion with a pathological fracture of the superior acetabulum',
      presentation: 'Man, 62: right hip pain 10/10 on weight bearing; cannot mobilise despite strong analgesia',
      findings: 'Large osteolytic lesion of the right iliac bone reaching the right superior acetabulum, with a pathological fracture there.',
      discussion:
        'Cryoablation with five cryoprobes spread through the iliac lesion treats the tumour pain; cementoplasty through four bone access needles (two iliac, two in the superior acetabulum) then stabilises the fracture. At one week the analgesic use was below half of the previous dose and the patient was mobilising for daily life.',
      learningPoints: [
        'Ablation and cementoplasty combine in one session: ablate the tumour for the pain, cement the fracture for stability',
        'A large lytic lesion needs several cryoprobes spaced so that their lethal zones cover it with a margin',
      ],
      level: 'advanced',
      tags: ['pelvis', 'acetabulum', 'cryoablation', 'cementoplasty'],
    },
  },
  {
    key: 'reference-case-2',
    pseudonym: 'Reference case 2',
    fields: {
      title: 'Metastatic breast carcinoma: pathological fractures of the right superior acetabulum and superior pubic ramus',
      presentation: 'Woman, 47: right groin and hip pain 9–10/10 on weight bearing despite large opioid doses',
      findings: 'Painful pathological fractures of the right superior acetabulum and of the right superior pubic ramus.',
      discussion:
        'Cementoplasty through two bone access needles, one in the superior acetabulum and one in the superior pubic ramus. The ramus was included because that is where the pain was. The post-procedure cone-beam CT shows the cement in the acetabulum; at one week the pain was 2/10, off opioids.',
      learningPoints: [
        'Treat where the pain is: a fracture that matches the pain site belongs in the plan',
        'Cement in a weight-bearing acetabular fracture relieves pain quickly, often within a week',
      ],
      level: 'intermediate',
      tags: ['pelvis', 'acetabulum', 'cementoplasty'],
    },
  },
  {
    key: 'reference-case-3',
    pseudonym: 'Reference case 3',
    fields: {
      title: 'Metastatic prostate carcinoma: T10 vertebra plana',
      presentation: 'Man, 81: central back pain 10/10; compression fractures at several levels',
      findings: 'Compression fractures at several levels; vertebra plana at T10, where the pain is worst.',
      discussion:
        'Vertebroplasty of T10 through a left unipedicular access. The little height left in a vertebra plana makes access hard: the track runs through the centre of the pedicle, close to the sagittal plane, and clear of the canal. At two weeks the pain was 2/10 and opioids were being weaned off.',
      learningPoints: [
        'With fractures at several levels, treat the one where the pain is worst and the imaging agrees',
        'In a vertebra plana, keep the needle in the pedicle and away from the canal: a shallow angle from the sagittal plane',
      ],
      level: 'intermediate',
      tags: ['spine', 'vertebroplasty'],
    },
  },
];
