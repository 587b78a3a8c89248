import { ChevronDown } from 'lucide-react';
import { useMemo, useState } from 'react';
import {
  Button,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { regionMatches, regionOptions } from './regions.js';

/** The default country as a searchable list: type a name, a code or +49, pick with the arrows. */
export function RegionSelect(props: { value: string; onChange: (code: string) => void }) {
  const options = useMemo(() => regionOptions(navigator.language), []);
  const current = options.find((o) => o.code === props.value);
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed === null ? options : options.filter((o) => regionMatches(o, typed));
  return (
    <ComboBox
      className="field"
      items={shown}
      selectedKey={props.value}
      inputValue={typed ?? current?.label ?? props.value}
      onInputChange={setTyped}
      onSelectionChange={(key) => {
        setTyped(null);
        if (key !== null && String(key) !== props.value) props.onChange(String(key));
      }}
      onOpenChange={(open) => !open && setTyped(null)}
    >
      <Label className="field-label">Default country for numbers without +</Label>
      <div className="combo">
        <Input className="combo-input" />
        <Button className="combo-button" aria-label="Show countries">
          <ChevronDown size={14} aria-hidden="true" />
        </Button>
      </div>
      <Text slot="description" className="muted small">
        National numbers such as (415) 555-0100 are read as numbers of this country.
      </Text>
      <Popover className="popover combo-popover">
        <ListBox className="menu combo-menu">
          {(o: (typeof options)[number]) => (
            <ListBoxItem id={o.code} className="menu-item" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
