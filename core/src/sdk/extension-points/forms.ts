// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

export type FormFieldType = 'text' | 'number' | 'date' | 'choice' | 'multi-choice' | 'yes-no' | 'scale';

export interface FormField {
  readonly id: string;
  readonly type: FormFieldType;
  readonly labelKey: string;
  readonly required?: boolean;
  /** For choice fields: the code list the options come from. */
  readonly codeList?: string;
  /** For scale items: the options and their score. */
  readonly scale?: readonly { readonly value: string; readonly labelKey: string; readonly points: number }[];
  /** Shown only when another field has one of these values. */
  readonly visibleWhen?: { readonly field: string; readonly equals: readonly string[] };
}

export interface FormSection {
  readonly id: string;
  readonly titleKey: string;
  readonly fields: readonly FormField[];
}

/** A declarative assessment or intake form; answers are stored with its id and version. */
export interface FormDefinition {
  readonly id: string;
  readonly version: number;
  readonly titleKey: string;
  readonly subject: 'person' | 'household' | 'cartella' | 'access';
  readonly sections: readonly FormSection[];
  /** Computed total over scale items, with bands (e.g. a Barthel-style index). */
  readonly score?: { readonly bands: readonly { readonly from: number; readonly to: number; readonly labelKey: string }[] };
  readonly permissions: { readonly view: string; readonly submit: string };
}
export const Forms = defineKeyedPoint<FormDefinition>('sigess.forms', (f) => f.id);
