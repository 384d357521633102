import type { CaseInput } from '../../records';

/** The sample study each demo case links to, by generator key, with the study's role in the case. */
export interface DemoStudyLink {
  key: 'case1-pelvis-ct' | 'case2-pelvis-ct' | 'case2-cbct' | 'case3-spine-ct' | 'case3-cbct';
  role: 'planning' | 'post-procedure';
  description: string;
}

/** A demo case: its record without linked studies, and the sample studies to link. */
export interface DemoCase {
  record: CaseInput;
  studies: DemoStudyLink[];
}

const ILLUSTRATIVE = 'Illustrative dose: the teaching case does not state it.';
const TEACHING = 'Teaching case from the PercuPlan domain notes. Doses marked illustrative are not part of the case; other values the notes do not give are left empty.';

/**
 * The three reference cases of shared/docs/domain.md, as the demo and teaching content of a
 * new installation. Only what the notes state is filled in, except opioid doses, which are
 * illustrative (and say so) so that the MME and follow-up chart have something to show.
 */
export const DEMO_CASES: readonly DemoCase[] = [
  {
    studies: [{ key: 'case1-pelvis-ct', role: 'planning', description: 'Pelvis CT' }],
    record: {
      status: 'treated',
      title: 'Right iliac bone and superior acetabulum: cryoablation and cementoplasty',
      patient: { pseudonym: 'Reference case 1', pseudonymous: true, sex: 'male', ageYears: 62 },
      tumour: { primary: 'small-cell-other', histology: 'Small-cell carcinoma', primaryDetail: 'Metastatic small-cell carcinoma' },
      extentOfDisease: { description: 'Metastatic small-cell carcinoma' },
      pain: {
        maximalPainSite: 'Right hip (right iliac bone and superior acetabulum)',
        imagingCorrelation: 'concordant',
        correlationNotes: 'Pain matches the osteolytic lesion and the pathological fracture of the right superior acetabulum.',
        character: 'mechanical',
        onWeightBearing: 10,
      },
      analgesics: {
        entries: [{ name: 'Oxycodone (strong analgesia)', opioid: 'oxycodone', dailyDose: 60, notes: ILLUSTRATIVE }],
      },
      functionAndGoals: {
        baselineMobility: 'bedbound',
        mobilityNotes: 'Could not mobilise despite strong analgesia; pain 10/10 on weight bearing and gentle mobilisation.',
      },
      involvement: { bone: 'Large osteolytic lesion of the right iliac bone reaching the right superior acetabulum, with a pathological fracture there.' },
      lesions: [
        {
          label: 'Right iliac bone and superior acetabulum',
          region: 'pelvis-acetabulum',
          side: 'right',
          site: 'Right iliac bone reaching the right superior acetabulum',
          lesionType: 'lytic',
          pathologicalFracture: true,
          boneInvolvement: 'Large osteolytic lesion; pathological fracture of the superior acetabulum',
          scores: { harrington: { components: { superiorWall: 'deficient' } } },
        },
      ],
      decision: {
        outcome: 'accepted',
        procedures: ['cryoablation', 'acetabuloplasty', 'cementoplasty-other'],
        accessRoute: 'Five cryoprobes in the iliac lesion; then four bone access needles, two in the iliac bone and two in the right superior acetabulum.',
        rationale: 'Pain 10/10 on weight bearing from a pathological fracture; unable to mobilise despite strong analgesia. Ablation for the tumour pain, cement to stabilise the fracture.',
      },
      notes: TEACHING,
      followUps: [
        {
          date: '2024-03-14',
          label: '1 week',
          analgesics: { entries: [{ name: 'Oxycodone', opioid: 'oxycodone', dailyDose: 20, notes: ILLUSTRATIVE }] },
          dailyActivities: 'Mobilising for daily life.',
          notes: 'Analgesic use below half of the previous dose.',
        },
      ],
    },
  },
  {
    studies: [
      { key: 'case2-pelvis-ct', role: 'planning', description: 'Pelvis CT' },
      { key: 'case2-cbct', role: 'post-procedure', description: 'Post-procedure cone-beam CT' },
    ],
    record: {
      status: 'treated',
      title: 'Right superior acetabulum and superior pubic ramus: cementoplasty',
      patient: { pseudonym: 'Reference case 2', pseudonymous: true, sex: 'female', ageYears: 47 },
      tumour: { primary: 'breast', primaryDetail: 'Metastatic breast carcinoma' },
      pain: {
        maximalPainSite: 'Right groin and hip (superior acetabulum and superior pubic ramus)',
        imagingCorrelation: 'concordant',
        correlationNotes: 'Pain 9–10/10 on weight bearing, at the pathological fractures of the right superior acetabulum and superior pubic ramus.',
        character: 'mechanical',
        onWeightBearing: 10,
      },
      analgesics: {
        entries: [
          { name: 'Morphine sustained release', opioid: 'morphine', dailyDose: 120, notes: ILLUSTRATIVE },
          { name: 'Oxycodone immediate release', opioid: 'oxycodone', dailyDose: 30, notes: ILLUSTRATIVE },
        ],
      },
      functionAndGoals: { mobilityNotes: 'Insufficient relief from large opioid doses.' },
      involvement: { bone: 'Painful pathological fractures of the right superior acetabulum and right superior pubic ramus.' },
      lesions: [
        {
          label: 'Right superior acetabulum',
          region: 'pelvis-acetabulum',
          side: 'right',
          site: 'Right superior acetabulum',
          pathologicalFracture: true,
          scores: { harrington: { components: { superiorWall: 'deficient' } } },
        },
        { label: 'Right superior pubic ramus', region: 'pelvis-other', side: 'right', site: 'Right superior pubic ramus', pathologicalFracture: true },
      ],
      decision: {
        outcome: 'accepted',
        procedures: ['acetabuloplasty', 'cementoplasty-other'],
        accessRoute: 'Two bone access needles: one in the superior acetabulum, one in the superior pubic ramus.',
        rationale: 'Painful pathological fractures with insufficient relief from large opioid doses. The pubic ramus is included because of where the pain was.',
      },
      notes: TEACHING,
      followUps: [
        {
          date: '2024-05-09',
          label: '1 week',
          pain: { onWeightBearing: 2 },
          opioidFree: true,
          notes: 'Pain 2/10, off opioids. Post-procedure cone-beam CT shows the cement in the acetabulum.',
        },
      ],
    },
  },
  {
    studies: [
      { key: 'case3-spine-ct', role: 'planning', description: 'Spine CT' },
      { key: 'case3-cbct', role: 'post-procedure', description: 'Post-procedure cone-beam CT' },
    ],
    record: {
      status: 'treated',
      title: 'T10 vertebra plana: vertebroplasty',
      patient: { pseudonym: 'Reference case 3', pseudonymous: true, sex: 'male', ageYears: 81 },
      tumour: { primary: 'prostate', primaryDetail: 'Metastatic prostate carcinoma' },
      extentOfDisease: { boneMetastases: 'multiple', description: 'Compression fractures at several levels.' },
      pain: {
        maximalPainSite: 'Central back, T10',
        imagingCorrelation: 'concordant',
        correlationNotes: 'Central back pain 10/10, worst at the T10 vertebra plana.',
        onWeightBearing: 10,
      },
      analgesics: { entries: [{ name: 'Morphine', opioid: 'morphine', dailyDose: 60, notes: ILLUSTRATIVE }] },
      involvement: { bone: 'Compression fractures at several levels; vertebra plana at T10.' },
      lesions: [
        {
          label: 'T10 vertebra plana',
          region: 'spine',
          spinalLevel: 'T10',
          site: 'T10 vertebral body',
          pathologicalFracture: true,
          scores: {
            sins: { components: { location: 'semi-rigid', collapse: 'over-50-percent' } },
            genant: { components: { heightLossPercent: 90 } },
          },
        },
      ],
      decision: {
        outcome: 'accepted',
        procedures: ['vertebroplasty'],
        accessRoute: 'T10, left unipedicular access.',
        rationale: 'Pain worst at the T10 vertebra plana. Vertebra plana makes access hard; a unipedicular route is planned.',
      },
      notes: `${TEACHING} The Genant height loss of 90% is an estimate for a vertebra plana.`,
      followUps: [
        {
          date: '2024-09-20',
          label: '2 weeks',
          pain: { onWeightBearing: 2 },
          analgesics: { entries: [{ name: 'Morphine (tapering)', opioid: 'morphine', dailyDose: 20, notes: ILLUSTRATIVE }] },
          notes: 'Pain 2/10; being weaned off all opioids.',
        },
      ],
    },
  },
];
