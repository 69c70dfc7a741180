import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A step's heading, which takes the focus when the step is reached: `focus` is a count the page raises each time it
 * sends the user to this step (0: never), so a screen reader says where they are now and Tab goes on from here.
 */
export function StepHeading(props: {
  id: string;
  focus: number;
  /** What is read after the heading when it takes the focus (the step's outcome). */
  describedBy?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus > 0) ref.current?.focus();
  }, [props.focus]);
  return (
    <h2
      ref={ref}
      id={props.id}
      tabIndex={-1}
      aria-describedby={props.describedBy}
      className="im-step-heading"
    >
      {props.children}
    </h2>
  );
}
