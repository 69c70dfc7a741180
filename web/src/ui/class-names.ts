import { composeRenderProps } from 'react-aria-components';

/** The component's own class names, then the caller's (a string or a function of the render state). */
export function withClass<T>(
  own: string,
  className: string | ((values: T & { defaultClassName: string | undefined }) => string) | undefined,
) {
  return composeRenderProps(className, (extra) => (extra ? `${own} ${extra}` : own));
}
