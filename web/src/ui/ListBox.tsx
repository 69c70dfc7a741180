import { composeRenderProps, ListBoxItem, type ListBoxItemProps, Text } from 'react-aria-components';
import { CheckIcon } from './icons.tsx';
import './ListBox.css';

/** An option of a Select or ComboBox; the chosen one carries a check mark. */
export function Option(props: ListBoxItemProps & { description?: string }) {
  const { description, children, ...rest } = props;
  const textValue = props.textValue ?? (typeof children === 'string' ? children : undefined);
  return (
    <ListBoxItem {...rest} textValue={textValue} className="cb-option">
      {composeRenderProps(children, (content, { isSelected }) => (
        <>
          <span className="cb-option-check">{isSelected && <CheckIcon />}</span>
          <span className="cb-option-text">
            <Text slot="label">{content}</Text>
            {description && (
              <Text slot="description" className="cb-option-description">
                {description}
              </Text>
            )}
          </span>
        </>
      ))}
    </ListBoxItem>
  );
}
