import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';
import { GlProgram, worldCopies } from './gl.ts';
import { screenMapping } from './selection-overlay.ts';

const LINES_VERTEX = `
attribute vec2 a_pos;
uniform mat4 u_matrix;
uniform float u_offset;
void main() { gl_Position = u_matrix * vec4(a_pos.x + u_offset, a_pos.y, 0.0, 1.0); }`;
const LINES_FRAGMENT = `
precision mediump float;
uniform vec4 u_color;
void main() { gl_FragColor = u_color; }`;
const POINTS_VERTEX = `
attribute vec2 a_pos;
attribute float a_radius;
uniform mat4 u_matrix;
uniform float u_ratio;
uniform float u_offset;
varying float v_radius;
void main() {
  gl_Position = u_matrix * vec4(a_pos.x + u_offset, a_pos.y, 0.0, 1.0);
  v_radius = a_radius * u_ratio;
  gl_PointSize = v_radius * 2.0 + 2.0;
}`;
const POINTS_FRAGMENT = `
precision mediump float;
uniform vec4 u_color;
varying float v_radius;
void main() {
  float distance = length(gl_PointCoord * 2.0 - 1.0) * (v_radius + 1.0);
  gl_FragColor = u_color * (1.0 - smoothstep(v_radius - 0.5, v_radius + 0.5, distance));
}`;
const IMAGE_VERTEX = `
attribute vec2 a_pos;
attribute vec2 a_uv;
uniform mat4 u_matrix;
varying vec2 v_uv;
void main() { v_uv = a_uv; gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0); }`;
const IMAGE_FRAGMENT = `
precision mediump float;
uniform sampler2D u_image;
varying vec2 v_uv;
void main() { gl_FragColor = texture2D(u_image, v_uv); }`;

/** The offline base map as WebGL geometry in mercator units. */
export interface BaseMap {
  /** Triangles: [x0, y0, x1, y1, x2, y2, …]. */
  land: Float32Array;
  /** Line segments: [x0, y0, x1, y1, …]. */
  borders: Float32Array;
}

/** How long the map rests after a move before the ties are drawn again, sharp (see AtlasMap for the pixel ratio). */
export const REST_MS = 200;

/**
 * Every tie as one hairline and every place as a dot, drawn by WebGL. Tens of thousands of them cost a software GPU
 * tens of milliseconds a frame, so they are drawn once into an image of the view; while the map pans or zooms that
 * image moves with it (a single textured quad), and when the map comes to rest they are drawn again, sharp.
 */
export class NetworkLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private gl?: WebGLRenderingContext;
  private map?: MapLibreMap;
  private lines?: GlProgram;
  private image?: GlProgram;
  private lineBuffer?: WebGLBuffer;
  private landBuffer?: WebGLBuffer;
  private borderBuffer?: WebGLBuffer;
  private points?: GlProgram;
  private pointBuffer?: WebGLBuffer;
  private pointCount = 0;
  private quadBuffer?: WebGLBuffer;
  private framebuffer?: WebGLFramebuffer;
  private texture?: WebGLTexture;
  private textureSize: [number, number] = [0, 0];
  private count = 0;
  /** The image is stale: the lines or the view changed since it was drawn. */
  private stale = true;
  private moving = false;
  /** Land and borders, premultiplied (the offline base map's colours in the current theme). */
  private landColor: readonly number[] = [0.969, 0.961, 0.941, 1];
  private borderColor: readonly number[] = [0.725, 0.706, 0.659, 1];
  /** Called once, after the first frame that shows the drawn image. */
  onFirstDrawn?: () => void;
  private drawnOnce = false;
  private rest?: ReturnType<typeof setTimeout>;
  private readonly onMoveStart = () => {
    clearTimeout(this.rest);
    this.moving = true;
  };
  /**
   * The ties are drawn again once the map has rested a moment: a wheel's or a drag's pauses are shorter, and a
   * redraw in one of them would cost a software GPU a frame of a hundred milliseconds.
   */
  private readonly onMoveEnd = () => {
    clearTimeout(this.rest);
    this.rest = setTimeout(() => {
      this.moving = false;
      this.stale = true;
      this.map?.triggerRepaint();
    }, REST_MS);
  };
  /** A new size (or pixel ratio) needs the image again, once the map is at rest. */
  private readonly onResize = () => {
    this.stale = true;
    this.map?.triggerRepaint();
  };

  constructor(
    id: string,
    private vertices: Float32Array,
    /** [x, y, radius in CSS pixels, …] for every place. */
    private pointVertices: Float32Array,
    private color: [number, number, number, number],
    private pointColor: [number, number, number, number],
    /** The base map drawn beneath, in the same image: land triangles and border lines, in mercator units. */
    private readonly base?: BaseMap,
  ) {
    this.id = id;
  }

  onAdd(map: MapLibreMap, gl: WebGLRenderingContext): void {
    this.map = map;
    this.gl = gl;
    this.lines = new GlProgram(gl, LINES_VERTEX, LINES_FRAGMENT);
    this.image = new GlProgram(gl, IMAGE_VERTEX, IMAGE_FRAGMENT);
    this.lineBuffer = gl.createBuffer()!;
    this.points = new GlProgram(gl, POINTS_VERTEX, POINTS_FRAGMENT);
    this.pointBuffer = gl.createBuffer()!;
    this.quadBuffer = gl.createBuffer()!;
    if (this.base) {
      this.landBuffer = gl.createBuffer()!;
      gl.bindBuffer(gl.ARRAY_BUFFER, this.landBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, this.base.land, gl.STATIC_DRAW);
      this.borderBuffer = gl.createBuffer()!;
      gl.bindBuffer(gl.ARRAY_BUFFER, this.borderBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, this.base.borders, gl.STATIC_DRAW);
    }
    this.framebuffer = gl.createFramebuffer()!;
    this.texture = gl.createTexture()!;
    this.upload();
    map.on('movestart', this.onMoveStart);
    map.on('moveend', this.onMoveEnd);
    map.on('resize', this.onResize);
  }

  onRemove(): void {
    clearTimeout(this.rest);
    this.map?.off('movestart', this.onMoveStart);
    this.map?.off('moveend', this.onMoveEnd);
    this.map?.off('resize', this.onResize);
    const gl = this.gl;
    if (!gl) return;
    gl.deleteBuffer(this.lineBuffer ?? null);
    gl.deleteBuffer(this.pointBuffer ?? null);
    gl.deleteBuffer(this.landBuffer ?? null);
    gl.deleteBuffer(this.borderBuffer ?? null);
    gl.deleteBuffer(this.quadBuffer ?? null);
    gl.deleteFramebuffer(this.framebuffer ?? null);
    gl.deleteTexture(this.texture ?? null);
  }

  /** Replaces the lines: [x0, y0, x1, y1, …] in mercator units, two vertices a line. */
  setVertices(vertices: Float32Array): void {
    // The same lines again (the map's first render hands them over once more): nothing to draw again.
    if (vertices === this.vertices) return;
    this.vertices = vertices;
    this.upload();
    this.stale = true;
    this.map?.triggerRepaint();
  }

  /** Replaces the dots: [x, y, radius, …]. */
  setPoints(pointVertices: Float32Array): void {
    if (pointVertices === this.pointVertices) return;
    this.pointVertices = pointVertices;
    this.upload();
    this.stale = true;
    this.map?.triggerRepaint();
  }

  /** The theme's colours: ties, places, land and borders, premultiplied. */
  setColors(colors: { tie: number[]; place: number[]; land: number[]; border: number[] }): void {
    this.color = colors.tie as [number, number, number, number];
    this.pointColor = colors.place as [number, number, number, number];
    this.landColor = colors.land;
    this.borderColor = colors.border;
    this.stale = true;
    this.map?.triggerRepaint();
  }

  private upload(): void {
    const gl = this.gl;
    if (!gl || !this.lineBuffer || !this.pointBuffer) return;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.lineBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, this.vertices, gl.STATIC_DRAW);
    this.count = this.vertices.length / 2;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.pointBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, this.pointVertices, gl.STATIC_DRAW);
    this.pointCount = this.pointVertices.length / 3;
  }

  prerender(gl: WebGLRenderingContext, args: CustomRenderMethodInput): void {
    if (!this.stale || this.moving || !this.map || !this.framebuffer || !this.texture) return;
    const width = gl.drawingBufferWidth;
    const height = gl.drawingBufferHeight;
    if (this.textureSize[0] !== width || this.textureSize[1] !== height) {
      gl.bindTexture(gl.TEXTURE_2D, this.texture);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      this.textureSize = [width, height];
    }
    const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
    const viewport = gl.getParameter(gl.VIEWPORT) as Int32Array;
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, this.texture, 0);
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    // Every world copy in view (the map repeats the world sideways when zoomed out).
    const xs = this.viewCorners().map(([x]) => x);
    const copies = worldCopies(Math.min(...xs), Math.max(...xs));
    const matrix = args.defaultProjectionData.mainMatrix;
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.STENCIL_TEST);
    gl.disable(gl.CULL_FACE);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const lines = this.lines;
    if (lines) {
      const draw = (
        buffer: WebGLBuffer | undefined,
        mode: number,
        count: number,
        color: readonly number[],
      ) => {
        if (!buffer || count === 0) return;
        lines.use().matrix('u_matrix', matrix);
        lines.vec4('u_color', color);
        gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
        lines.attribute('a_pos', 2);
        lines.drawCopies(copies, mode, count);
      };
      if (this.base) {
        draw(this.landBuffer, gl.TRIANGLES, this.base.land.length / 2, this.landColor);
        draw(this.borderBuffer, gl.LINES, this.base.borders.length / 2, this.borderColor);
      }
      draw(this.lineBuffer, gl.LINES, this.count, this.color);
    }
    const points = this.points;
    if (this.pointCount > 0 && points && this.pointBuffer) {
      points.use().matrix('u_matrix', matrix);
      points.vec4('u_color', this.pointColor);
      points.float('u_ratio', width / Math.max(1, this.map.getCanvas().clientWidth));
      gl.bindBuffer(gl.ARRAY_BUFFER, this.pointBuffer);
      points.attribute('a_pos', 2, 12, 0);
      const radius = points.attribute('a_radius', 1, 12, 8);
      points.drawCopies(copies, gl.POINTS, this.pointCount);
      gl.disableVertexAttribArray(radius);
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
    gl.viewport(viewport[0]!, viewport[1]!, viewport[2]!, viewport[3]!);

    // The image covers the view it was drawn for: remember where that view lies in the world.
    const [topLeft, topRight, bottomLeft, bottomRight] = this.viewCorners();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quadBuffer!);
    gl.bufferData(
      gl.ARRAY_BUFFER,
      new Float32Array([...topLeft!, 0, 1, ...topRight!, 1, 1, ...bottomLeft!, 0, 0, ...bottomRight!, 1, 0]),
      gl.STATIC_DRAW,
    );
    this.stale = false;
    performance.mark('citybridge:network-drawn');
  }

  /** The view's corners in mercator units: top left, top right, bottom left, bottom right. */
  private viewCorners(): [number, number][] {
    const map = this.map!;
    const canvas = map.getCanvas();
    // Through MapLibre's own projection (screenMapping), not by unprojecting the corners: those clamp to the poles
    // where the view reaches past them, which would squeeze the image.
    const { size, originX, originY } = screenMapping(map);
    const toX = (px: number) => (px - originX) / size;
    const toY = (py: number) => (py - originY) / size;
    const [width, height] = [canvas.clientWidth, canvas.clientHeight];
    return [
      [toX(0), toY(0)],
      [toX(width), toY(0)],
      [toX(0), toY(height)],
      [toX(width), toY(height)],
    ];
  }

  render(gl: WebGLRenderingContext, args: CustomRenderMethodInput): void {
    const image = this.image;
    if (!image || !this.texture || !this.quadBuffer || this.textureSize[0] === 0) return;
    image.use().matrix('u_matrix', args.defaultProjectionData.mainMatrix);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.uniform1i(image.uniform('u_image'), 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quadBuffer);
    image.attribute('a_pos', 2, 16, 0);
    const uv = image.attribute('a_uv', 2, 16, 8);
    // A flat image over the map: no depth test (MapLibre gives each 2D layer a depth range of its own).
    gl.disable(gl.DEPTH_TEST);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.disableVertexAttribArray(uv);
    if (!this.drawnOnce) {
      this.drawnOnce = true;
      this.onFirstDrawn?.();
    }
  }
}
