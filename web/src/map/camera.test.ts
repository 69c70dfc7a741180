import { describe, expect, it } from 'vitest';
import {
  constrainCamera,
  defaultCamera,
  fitCamera,
  mercator,
  projector,
  unproject,
  worldSize,
} from './camera.ts';

describe('the camera of the first picture', () => {
  it('never zooms out past a world shorter than the view, nor looks past the poles', () => {
    const camera = constrainCamera({ lng: 0, lat: 80, zoom: 0 }, 700);
    expect(worldSize(camera.zoom)).toBeCloseTo(700, 6);
    // The view's top edge is the world's.
    const view = projector(camera, 375, 700);
    expect(view.y(0)).toBeCloseTo(0, 6);
  });

  it('keeps a camera that needs no constraint as it is', () => {
    const camera = { lng: 15, lat: 30, zoom: 1.2 };
    const constrained = constrainCamera(camera, 740);
    expect(constrained.zoom).toBe(1.2);
    expect(constrained.lat).toBeCloseTo(30, 6);
  });

  it('fits a box into the room the panels leave', () => {
    const box: [[number, number], [number, number]] = [
      [10, 50],
      [30, 65],
    ];
    const insets = { top: 48, right: 400, bottom: 48, left: 48 };
    const camera = fitCamera(box, 1280, 740, { insets, maxZoom: 12 });
    const view = projector(camera, 1280, 740);
    const [x0, y0] = mercator(10, 65);
    const [x1, y1] = mercator(30, 50);
    // The box's centre is at the centre of the free room, and the box fits inside it.
    expect((view.x(x0) + view.x(x1)) / 2).toBeCloseTo((48 + 1280 - 400) / 2, 3);
    expect((view.y(y0) + view.y(y1)) / 2).toBeCloseTo(370, 3);
    expect(view.x(x0)).toBeGreaterThanOrEqual(48 - 1e-6);
    expect(view.x(x1)).toBeLessThanOrEqual(1280 - 400 + 1e-6);
    expect(Math.min(view.x(x0) - 48, 880 - view.x(x1), view.y(y0) - 48, 692 - view.y(y1))).toBeCloseTo(0, 3);
  });

  it('goes from a point of the view back to where it is on the earth', () => {
    const camera = defaultCamera(1280);
    const view = projector(camera, 1280, 740);
    const [x, y] = mercator(24.66, 60.21);
    const back = unproject(camera, 1280, 740, view.x(x), view.y(y));
    expect(back.lng).toBeCloseTo(24.66, 6);
    expect(back.lat).toBeCloseTo(60.21, 6);
  });
});
