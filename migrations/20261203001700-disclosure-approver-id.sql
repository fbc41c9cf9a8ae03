-- F6: the legal-disclosure form names its approver with a staff picker, not free text. The id is
-- kept beside the name as it was when saved (approved_by), so the register, its history and its
-- exports still read the same; rows saved before this keep their typed name and no id.
ALTER TABLE legal_disclosures ADD COLUMN approved_by_id uuid REFERENCES staff (id);
