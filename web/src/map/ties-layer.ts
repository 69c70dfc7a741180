import type { CustomLayerInterface, CustomRenderMethodInput, Map as MapLibreMap } from 'maplibre-gl';

const VERTEX = `
attribute vec2 a_pos;
uniform mat4 u_matrix;
void main() { gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0); }`;
const FRAGMENT = `
precision mediump float;
uniform vec4 u_color;
void main() { gl_FragColor = u_color; }`;

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  return shader;
}

/** Longitude/latitude to Web Mercator in 0..1 (MapLibre's world space). */
export function mercator(lng: number, lat: number): [number, number] {
  const clamped = Math.max(-85.05, Math.min(85.05, lat));
  const y = 0.5 - Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) / (2 * Math.PI);
  return [(lng + 180) / 360, y];
}

/**
 * Every tie as one hairline drawn straight by WebGL: far cheaper than styled vector lines when there are tens of
 * thousands of them and the GPU is software. Each frame is one draw call of a vertex buffer built once per filter.
 */
export class TiesLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private gl?: WebGLRenderingContext;
  private program?: WebGLProgram;
  private buffer?: WebGLBuffer;
  private count = 0;
  private map?: MapLibreMap;
  private color: [number, number, number, number];

  constructor(
    id: string,
    private vertices: Float32Array,
    color: [number, number, number, number],
  ) {
    this.id = id;
    this.color = color;
  }

  onAdd(map: MapLibreMap, gl: WebGLRenderingContext): void {
    this.map = map;
    this.gl = gl;
    const program = gl.createProgram()!;
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    this.program = program;
    this.buffer = gl.createBuffer()!;
    this.upload();
  }

  /** Replaces the lines: [x0, y0, x1, y1, …] in mercator units, two vertices a line. */
  setVertices(vertices: Float32Array): void {
    this.vertices = vertices;
    this.upload();
    this.map?.triggerRepaint();
  }

  setColor(color: [number, number, number, number]): void {
    this.color = color;
    this.map?.triggerRepaint();
  }

  private upload(): void {
    const gl = this.gl;
    if (!gl || !this.buffer) return;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    gl.bufferData(gl.ARRAY_BUFFER, this.vertices, gl.STATIC_DRAW);
    this.count = this.vertices.length / 2;
  }

  render(gl: WebGLRenderingContext, args: CustomRenderMethodInput): void {
    if (!this.program || !this.buffer || this.count === 0) return;
    // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
    gl.useProgram(this.program);
    gl.uniformMatrix4fv(
      gl.getUniformLocation(this.program, 'u_matrix'),
      false,
      args.defaultProjectionData.mainMatrix,
    );
    gl.uniform4fv(gl.getUniformLocation(this.program, 'u_color'), this.color);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    const position = gl.getAttribLocation(this.program, 'a_pos');
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    gl.enable(gl.BLEND);
    // MapLibre draws with premultiplied alpha; the colour is given premultiplied too.
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.drawArrays(gl.LINES, 0, this.count);
  }

  onRemove(): void {
    if (this.gl && this.buffer) this.gl.deleteBuffer(this.buffer);
  }
}
