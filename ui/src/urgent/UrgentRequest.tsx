// A new urgent request: the form, then the server's answers for it as a
// draft. The form's values stay here while the answers show, so "Retour"
// finds them as typed; a decided request starts a blank form.
import { useState } from 'react';
import type { UrgentDraft } from '../api/endpoints.ts';
import { type DraftForm, EMPTY_FORM, siteLabel } from './draft.ts';
import { UrgentAnswers } from './UrgentAnswers.tsx';
import { UrgentForm } from './UrgentForm.tsx';

export function UrgentRequest() {
  const [form, setForm] = useState<DraftForm>(EMPTY_FORM);
  const [ranking, setRanking] = useState<UrgentDraft | null>(null);
  if (ranking && form.site) {
    return (
      <UrgentAnswers
        draft={ranking}
        label={siteLabel(form.site)}
        onBack={() => setRanking(null)}
        onDone={() => {
          setRanking(null);
          setForm(EMPTY_FORM);
        }}
      />
    );
  }
  return <UrgentForm form={form} onChange={setForm} onRank={setRanking} />;
}
