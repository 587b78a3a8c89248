import type { ReactNode } from 'react';
import { Button as AriaButton, ToggleButton, type ButtonProps } from 'react-aria-components';

export type ButtonVariant = 'default' | 'primary' | 'call' | 'danger' | 'ghost';

interface Props extends Omit<ButtonProps, 'className' | 'children'> {
  variant?: ButtonVariant;
  round?: boolean;
  wide?: boolean;
  children: ReactNode;
}

function classes(variant: ButtonVariant, round?: boolean, wide?: boolean): string {
  return ['btn', `btn-${variant}`, round ? 'btn-round' : '', wide ? 'btn-wide' : '']
    .filter(Boolean)
    .join(' ');
}

/** The app's one button: react-aria's (press, keyboard and focus-visible handled alike). */
export function Button({ variant = 'default', round, wide, children, ...rest }: Props) {
  return (
    <AriaButton {...rest} className={classes(variant, round, wide)}>
      {children}
    </AriaButton>
  );
}

interface ToggleProps {
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  isDisabled?: boolean;
  round?: boolean;
  'aria-label'?: string;
  children: ReactNode;
}

/** A button that stays pressed (mute, hold): announced as a toggle. */
export function Toggle({ round, children, ...rest }: ToggleProps) {
  return (
    <ToggleButton {...rest} className={classes('default', round)}>
      {children}
    </ToggleButton>
  );
}
