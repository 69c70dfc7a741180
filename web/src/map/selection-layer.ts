import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';
import { GlProgram, worldCopies } from './gl.ts';
import type { Rgba } from './palette.ts';

/**
 * The selected place's ties as lines of some width and its dot with a ring, drawn by WebGL on the main thread in
 * the frame after a choice: no source data goes through MapLibre's worker, so a highlight costs one frame.
 */

const LINE_VERTEX = `
attribute vec2 a_pos;
attribute vec2 a_other;
attribute float a_side;
uniform mat4 u_matrix;
uniform vec2 u_viewport;
uniform float u_offset;
uniform float u_half;
varying float v_distance;
varying float v_half;
void main() {
  v_half = u_half;
  vec4 here = u_matrix * vec4(a_pos.x + u_offset, a_pos.y, 0.0, 1.0);
  vec4 there = u_matrix * vec4(a_other.x + u_offset, a_other.y, 0.0, 1.0);
  vec2 a = here.xy / here.w * u_viewport * 0.5;
  vec2 b = there.xy / there.w * u_viewport * 0.5;
  vec2 direction = length(b - a) > 0.0001 ? normalize(b - a) : vec2(1.0, 0.0);
  vec2 normal = vec2(-direction.y, direction.x);
  v_distance = a_side * (u_half + 1.0);
  vec2 screen = a + normal * v_distance;
  gl_Position = vec4(screen / (u_viewport * 0.5) * here.w, here.z, here.w);
}`;
// Uniforms shared by both shaders would need the same precision in both: the fragment shader gets its values
// through varyings instead.
const LINE_FRAGMENT = `
precision mediump float;
uniform vec4 u_color;
varying float v_distance;
varying float v_half;
void main() { gl_FragColor = u_color * clamp(v_half + 0.5 - abs(v_distance), 0.0, 1.0); }`;
const DOT_VERTEX = `
attribute vec2 a_pos;
uniform mat4 u_matrix;
uniform float u_offset;
uniform float u_size;
varying float v_size;
void main() {
  gl_Position = u_matrix * vec4(a_pos.x + u_offset, a_pos.y, 0.0, 1.0);
  gl_PointSize = u_size;
  v_size = u_size;
}`;
const DOT_FRAGMENT = `
precision mediump float;
uniform vec4 u_color;
uniform vec4 u_ring;
varying float v_size;
void main() {
  float distance = length(gl_PointCoord * 2.0 - 1.0) * v_size * 0.5;
  float radius = v_size * 0.5 - 1.0;
  float inside = 1.0 - smoothstep(radius - 0.5, radius + 0.5, distance);
  float core = 1.0 - smoothstep(radius - 2.5, radius - 1.5, distance);
  gl_FragColor = mix(u_ring, u_color, core) * inside;
}`;

/** What the layer shows: the ties as pairs of mercator vertices from the place outwards, and the place. */
export interface Selection {
  /** [x0, y0, x1, y1, …] in mercator units. */
  ties: Float32Array;
  /** The place in mercator units, when one is selected. */
  place?: [number, number];
  /** The place's id, when one is selected. */
  id?: number;
}

export class SelectionLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private gl?: WebGLRenderingContext;
  private map?: MapLibreMap;
  private lines?: GlProgram;
  private dot?: GlProgram;
  private lineBuffer?: WebGLBuffer;
  private dotBuffer?: WebGLBuffer;
  private vertexCount = 0;
  private uploaded = false;
  /** Called after the frame that drew a new selection (the first one too), with it. */
  onDrawn?: (selection: Selection) => void;
  private pendingDrawn = true;

  constructor(
    id: string,
    private selection: Selection,
    private color: Rgba,
    private ring: Rgba,
    /** Line width in CSS pixels. */
    private readonly width = 2,
    /** The dot's diameter in CSS pixels, with its ring. */
    private readonly dotSize = 18,
  ) {
    this.id = id;
  }

  onAdd(map: MapLibreMap, gl: WebGLRenderingContext): void {
    this.map = map;
    this.gl = gl;
    this.lines = new GlProgram(gl, LINE_VERTEX, LINE_FRAGMENT);
    this.dot = new GlProgram(gl, DOT_VERTEX, DOT_FRAGMENT);
    this.lineBuffer = gl.createBuffer()!;
    this.dotBuffer = gl.createBuffer()!;
    this.uploaded = false;
  }

  onRemove(): void {
    this.gl?.deleteBuffer(this.lineBuffer ?? null);
    this.gl?.deleteBuffer(this.dotBuffer ?? null);
  }

  /** What it shows (or will show from the next frame on). */
  get current(): Selection {
    return this.selection;
  }

  /** Shows another selection from the next frame on. */
  setSelection(selection: Selection): void {
    this.selection = selection;
    this.uploaded = false;
    this.pendingDrawn = true;
    this.map?.triggerRepaint();
  }

  setColors(color: Rgba, ring: Rgba): void {
    this.color = color;
    this.ring = ring;
    this.map?.triggerRepaint();
  }

  /** Six vertices a tie (two triangles), each [x, y, otherX, otherY, side]. */
  private upload(gl: WebGLRenderingContext): void {
    const { ties, place } = this.selection;
    const data = new Float32Array((ties.length / 4) * 6 * 5);
    let offset = 0;
    const push = (x: number, y: number, ox: number, oy: number, side: number) => {
      data[offset++] = x;
      data[offset++] = y;
      data[offset++] = ox;
      data[offset++] = oy;
      data[offset++] = side;
    };
    for (let tie = 0; tie < ties.length; tie += 4) {
      const [x0, y0, x1, y1] = [ties[tie]!, ties[tie + 1]!, ties[tie + 2]!, ties[tie + 3]!];
      // Seen from the far end, its normal points the other way: side +1 there lies beside side −1 here.
      push(x0, y0, x1, y1, 1);
      push(x0, y0, x1, y1, -1);
      push(x1, y1, x0, y0, 1);
      push(x0, y0, x1, y1, 1);
      push(x1, y1, x0, y0, 1);
      push(x1, y1, x0, y0, -1);
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, this.lineBuffer!);
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.DYNAMIC_DRAW);
    this.vertexCount = offset / 5;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.dotBuffer!);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(place ?? []), gl.DYNAMIC_DRAW);
    this.uploaded = true;
  }

  render(gl: WebGLRenderingContext, args: CustomRenderMethodInput): void {
    const { map, lines, dot } = this;
    if (!map || !lines || !dot) return;
    if (!this.uploaded) this.upload(gl);
    const matrix = args.defaultProjectionData.mainMatrix;
    const ratio = gl.drawingBufferWidth / Math.max(1, map.getCanvas().clientWidth);
    // The world copies in view, and one more each side: a tie reaches up to half a world past its own copy.
    const bounds = map.getBounds();
    const copies = worldCopies((bounds.getWest() + 180) / 360 - 1, (bounds.getEast() + 180) / 360 + 1);
    gl.disable(gl.DEPTH_TEST);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    if (this.vertexCount > 0) {
      lines.use().matrix('u_matrix', matrix);
      gl.uniform2f(lines.uniform('u_viewport'), gl.drawingBufferWidth, gl.drawingBufferHeight);
      lines.float('u_half', (this.width * ratio) / 2);
      lines.vec4('u_color', this.color);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.lineBuffer!);
      lines.attribute('a_pos', 2, 20, 0);
      const other = lines.attribute('a_other', 2, 20, 8);
      const side = lines.attribute('a_side', 1, 20, 16);
      lines.drawCopies(copies, gl.TRIANGLES, this.vertexCount);
      gl.disableVertexAttribArray(other);
      gl.disableVertexAttribArray(side);
    }
    if (this.selection.place) {
      dot.use().matrix('u_matrix', matrix);
      dot.float('u_size', this.dotSize * ratio);
      dot.vec4('u_color', this.color);
      dot.vec4('u_ring', this.ring);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.dotBuffer!);
      dot.attribute('a_pos', 2);
      dot.drawCopies(copies, gl.POINTS, 1);
    }
    if (this.pendingDrawn) {
      this.pendingDrawn = false;
      this.onDrawn?.(this.selection);
    }
  }
}
