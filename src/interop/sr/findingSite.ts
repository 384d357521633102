import type { PlanLesion } from '../../planning/records/planLesion';
import type { VertebralLevel } from '../../planning/records/anatomicalSite';
import type { CodedConcept } from '../codedConcept';
import { codeItem, type ContentItem } from './contentItem';
import { SITE_CODES, SR_CODES } from './standardCodes';

const spineRegion = (level: VertebralLevel): CodedConcept => {
  if (level.startsWith('C')) return SITE_CODES.cervicalSpine;
  if (level.startsWith('T')) return SITE_CODES.thoracicSpine;
  if (level.startsWith('L')) return SITE_CODES.lumbarSpine;
  return SITE_CODES.sacrum;
};

/**
 * The SCT code of a lesion's site, at the precision a standard code exists for: the spinal
 * region of a vertebra (no per-level codes are in the DICOM context groups), the pelvis for a
 * pubic ramus; null for a site described only in words or not given.
 */
export function siteCode(lesion: Pick<PlanLesion, 'site'>): CodedConcept | null {
  const site = lesion.site;
  if (!site) return null;
  switch (site.kind) {
    case 'vertebra':
      return spineRegion(site.level);
    case 'sacrum':
      return SITE_CODES.sacrum;
    case 'iliac-bone':
      return SITE_CODES.ilium;
    case 'acetabulum':
      return SITE_CODES.acetabulum;
    case 'pubic-ramus':
      return SITE_CODES.pelvis;
    case 'ischium':
      return SITE_CODES.ischium;
    case 'femur':
      return SITE_CODES.femur;
    case 'other':
      return null;
  }
}

/**
 * The Finding Site concept modifier of a lesion (HAS CONCEPT MOD, SCT 363698007) with its
 * laterality when the lesion has a side; null when the site has no code.
 */
export function findingSiteItem(lesion: Pick<PlanLesion, 'site' | 'side'>): ContentItem | null {
  const site = siteCode(lesion);
  if (!site) return null;
  const side = lesion.side === 'left' ? SR_CODES.left : lesion.side === 'right' ? SR_CODES.right : null;
  return codeItem('HAS CONCEPT MOD', SR_CODES.findingSite, site, side ? [codeItem('HAS CONCEPT MOD', SR_CODES.laterality, side)] : []);
}
