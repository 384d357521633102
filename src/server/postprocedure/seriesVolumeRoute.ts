import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import type { AuditTrail } from '../auth/auditTrail';
import { studyAccessLog } from '../dicomweb/studyAccessLog';
import { sendProblem, sendReply } from '../fastifyBase';
import { resourceRoutes } from '../resourceRoutes';
import { findSeriesVolume, type SeriesSources } from './seriesLookup';

const uid = z.string().regex(/^[0-9.]{1,64}$/);
const params = z.object({ seriesUID: uid.describe('SeriesInstanceUID') });
const query = z.object({ studyInstanceUID: uid, step: z.string().regex(/^[1-4]$/).optional() });

/** The geometry header of a volume answer (of the stepped grid). */
export interface VolumeHeader {
  dimensions: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: [[number, number, number], [number, number, number], [number, number, number]];
}

/**
 * Every `step`-th voxel of a volume along each axis, from voxel (0, 0, 0): the grid keeps its
 * origin and directions, its spacing grows by `step`. HU as Int16 (a Float32 volume rounded and
 * clamped to the Int16 range).
 */
export function steppedVolume(v: PlanningVolume, step: number): { header: VolumeHeader; scalars: Int16Array } {
  const [nx, ny, nz] = v.dimensions;
  const [mx, my, mz] = [Math.floor((nx - 1) / step) + 1, Math.floor((ny - 1) / step) + 1, Math.floor((nz - 1) / step) + 1];
  const header: VolumeHeader = {
    dimensions: [mx, my, mz],
    spacing: [v.spacing[0] * step, v.spacing[1] * step, v.spacing[2] * step],
    origin: [v.origin[0], v.origin[1], v.origin[2]],
    direction: [[...v.direction[0]], [...v.direction[1]], [...v.direction[2]]],
  };
  if (step === 1 && v.scalars instanceof Int16Array) return { header, scalars: v.scalars };
  const out = new Int16Array(mx * my * mz);
  const src = v.scalars;
  let o = 0;
  for (let k = 0; k < mz; k++)
    for (let j = 0; j < my; j++) {
      const row = (k * step * ny + j * step) * nx;
      for (let i = 0; i < mx; i++) out[o++] = Math.max(-32768, Math.min(32767, Math.round(src[row + i * step]!)));
    }
  return { header, scalars: out };
}

/**
 * `GET /api/series/:seriesUID/volume?studyInstanceUID=…&step=N`: a series the server can read as
 * a volume (embedded or from the PACS, through the app's volume cache), as Int16 little-endian
 * HU, its geometry in the `x-percuplan-volume` header (JSON). `study.read`, recorded as a study
 * access. The fused view of issue 18 downloads the cone-beam CT this way.
 */
export function seriesVolumeRoute(sources: SeriesSources, audit: AuditTrail | undefined): (app: FastifyInstance) => Promise<void> {
  const studyAccess = studyAccessLog(audit);
  return async (app) => {
    resourceRoutes(app, '/api/series/:seriesUID/volume', 'series', params, {
      GET: {
        action: 'study.read',
        summary: "A series' HU as Int16 little endian (every step-th voxel, step 1–4), its geometry in the x-percuplan-volume header",
        querystring: query,
        handler: async (request, reply) => {
          const q = query.safeParse(request.query);
          if (!q.success) return sendProblem(reply, 400, 'invalid-query', 'The query needs studyInstanceUID (a DICOM UID) and optionally step (1 to 4)', { issues: q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
          const { seriesUID } = request.params as { seriesUID: string };
          const found = await findSeriesVolume(sources, request.actor, q.data.studyInstanceUID, seriesUID, 'volume');
          if (!found.ok) return sendReply(reply, found.error);
          await studyAccess(request.actor, q.data.studyInstanceUID);
          const { header, scalars } = steppedVolume(found.value.volume, Number(q.data.step ?? '1'));
          return reply
            .code(200)
            .headers({
              'content-type': 'application/octet-stream',
              'content-length': scalars.byteLength,
              'x-percuplan-volume': JSON.stringify(header),
              'cache-control': 'private, no-store',
            })
            .send(Buffer.from(scalars.buffer, scalars.byteOffset, scalars.byteLength));
        },
      },
    });
  };
}
