import { Enums, imageLoadPoolManager } from '@cornerstonejs/core';
import { afterEach, expect, it } from 'vitest';
import { capFrameRequestsFor, localFramesInFlight, SERVER_FRAMES_IN_FLIGHT } from './frameRequestCap';

const prefetchLimit = (): number => imageLoadPoolManager.getMaxSimultaneousRequests(Enums.RequestType.Prefetch);

afterEach(() => imageLoadPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, 1000));

it('lets a few frames per decode worker be in flight, at least 8', () => {
  expect(localFramesInFlight(1)).toBe(8);
  expect(localFramesInFlight(2)).toBe(8);
  expect(localFramesInFlight(4)).toBe(16);
});

it("caps a local series' frame requests at a few per worker, and a PACS or mixed series at 24", () => {
  // Cornerstone's own default before anything is capped.
  expect(prefetchLimit()).toBe(1000);
  capFrameRequestsFor(['percuplan-local:blob:a', 'percuplan-local:blob:b'], 4);
  expect(prefetchLimit()).toBe(16);
  capFrameRequestsFor(['wadors:https://pacs/frames/1'], 4);
  expect(SERVER_FRAMES_IN_FLIGHT).toBe(24);
  expect(prefetchLimit()).toBe(24);
  capFrameRequestsFor(['percuplan-local:blob:a'], 2);
  expect(prefetchLimit()).toBe(8);
  capFrameRequestsFor(['percuplan-local:blob:a', 'wadouri:https://host/file.dcm'], 2);
  expect(prefetchLimit()).toBe(24);
});
