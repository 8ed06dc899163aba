"use client";
/** A row of tabs; the caller renders the selected panel. */
export interface TabItem<T extends string> {
  id: T;
  label: string;
  disabled?: boolean;
}

interface TabsProps<T extends string> {
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  testId?: string;
}

export function Tabs<T extends string>({ tabs, selected, onSelect, testId = "tabs" }: TabsProps<T>) {
  return (
    <div className="tabs" role="tablist" data-testid={testId}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === selected}
          disabled={tab.disabled}
          onClick={() => onSelect(tab.id)}
          data-testid={`tab-${tab.id}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
