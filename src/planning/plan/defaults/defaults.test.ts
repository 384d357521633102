import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../devices/defaultCatalogue';
import type { DeviceCatalogue } from '../../devices/deviceSchema';
import { defaultAccessRoute } from './defaultAccessRoute';
import { defaultDeviceId } from './defaultDevice';
import { lastSavedPlan } from './lastSavedPlan';

describe('defaultDeviceId', () => {
  const catalogue = defaultCatalogue();
  it('a vertebroplasty starts with the 11 G × 10 cm bone access needle', () => {
    expect(defaultDeviceId(['vertebroplasty'], catalogue)).toBe('bone-access-11g-100');
  });
  it('each ablation starts with its own kind of device', () => {
    expect(defaultDeviceId(['cryoablation'], catalogue)).toBe('generic-cryoprobe-13g');
    expect(defaultDeviceId(['microwave-ablation'], catalogue)).toBe('generic-mwa-antenna-13g');
    expect(defaultDeviceId(['radiofrequency-ablation'], catalogue)).toBe('generic-rf-bipolar-bone-probe');
    expect(defaultDeviceId(['nerve-root-block'], catalogue)).toBe('spinal-needle-22g-90');
  });
  it('the first procedure done with a needle decides; HIFU has none', () => {
    expect(defaultDeviceId(['hifu', 'microwave-ablation', 'vertebroplasty'], catalogue)).toBe('generic-mwa-antenna-13g');
    expect(defaultDeviceId(['hifu'], catalogue)).toBeUndefined();
    expect(defaultDeviceId([], catalogue)).toBeUndefined();
  });
  it('without the preferred device, the first of its kind; without the kind, the next procedure', () => {
    const trimmed: DeviceCatalogue = { ...catalogue, devices: catalogue.devices.filter((d) => d.id !== 'bone-access-11g-100') };
    expect(defaultDeviceId(['sacroplasty'], trimmed)).toBe('bone-access-11g-150');
    const noBone: DeviceCatalogue = { ...catalogue, devices: catalogue.devices.filter((d) => d.kind !== 'bone-access-needle') };
    expect(defaultDeviceId(['vertebroplasty', 'cryoablation'], noBone)).toBe('generic-cryoprobe-13g');
  });
});

describe('defaultAccessRoute', () => {
  it('a left T10 body lesion: transpedicular from the left', () => {
    expect(defaultAccessRoute({ site: { kind: 'vertebra', level: 'T10', part: 'body' }, side: 'left' })).toEqual({ approach: 'transpedicular', side: 'left' });
  });
  it('a midline vertebral body lesion: transpedicular, pedicle left to the planner', () => {
    expect(defaultAccessRoute({ site: { kind: 'vertebra', level: 'T10', part: 'body' }, side: 'midline' })).toEqual({ approach: 'transpedicular', side: null });
  });
  it('pelvic sites take their usual approach and the lesion side', () => {
    expect(defaultAccessRoute({ site: { kind: 'acetabulum', part: 'superior' }, side: 'right' })).toEqual({ approach: 'anterolateral', side: 'right' });
    expect(defaultAccessRoute({ site: { kind: 'sacrum', zone: 'II' }, side: 'midline' })).toEqual({ approach: 'posterior', side: 'midline' });
    expect(defaultAccessRoute({ site: { kind: 'iliac-bone' }, side: null })).toEqual({ approach: 'posterolateral', side: null });
  });
  it('no lesion, no site or an "other" site: no route', () => {
    expect(defaultAccessRoute(undefined)).toBeNull();
    expect(defaultAccessRoute({ site: null, side: 'left' })).toBeNull();
    expect(defaultAccessRoute({ site: { kind: 'other', description: 'rib' }, side: 'left' })).toBeNull();
  });
});

describe('lastSavedPlan', () => {
  it('the latest save wins, whatever the list order', () => {
    const plans = [
      { id: 'demo', updatedAt: '2026-12-01T10:00:00.000Z' },
      { id: 'mine', updatedAt: '2026-12-07T06:00:00.000Z' },
      { id: 'older', updatedAt: '2026-12-05T06:00:00.000Z' },
    ];
    expect(lastSavedPlan(plans)?.id).toBe('mine');
  });
  it('times with offsets compare as instants: 07:30+02:00 is before 06:00Z', () => {
    // 07:30 at +02:00 is 05:30 UTC, half an hour before 06:00 UTC (a text comparison would say the opposite).
    expect(lastSavedPlan([{ id: 'a', updatedAt: '2026-12-07T07:30:00+02:00' }, { id: 'b', updatedAt: '2026-12-07T06:00:00Z' }])?.id).toBe('b');
  });
  it('no plans: none', () => {
    expect(lastSavedPlan([])).toBeUndefined();
  });
});
