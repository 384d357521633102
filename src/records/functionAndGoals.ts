import { z } from 'zod';
import { longText } from './fieldTypes';

/** Mobility levels, from independent walking to bedbound. */
export const mobilitySchema = z.enum(['independent', 'walking-aid', 'wheelchair', 'bedbound']);

/** The patient's baseline mobility and daily activities, and what they want from treatment. */
export const functionAndGoalsSchema = z.strictObject({
  baselineMobility: mobilitySchema.nullable().default(null),
  mobilityNotes: longText.default(''),
  dailyActivities: longText.default(''),
  patientGoals: longText.default(''),
});

/** Case-level bone and soft-tissue involvement, as the board describes it. */
export const involvementSchema = z.strictObject({
  bone: longText.default(''),
  softTissue: longText.default(''),
});
