import { useRecordContext } from 'react-admin';
import { Mono } from '../access-log/accessLogFields';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { DayField, EnumField } from '../registers/registerFields';
import type { LegalDisclosure } from '../registers/registerTypes';
import { NamesProvider } from '../access-log/logNames';
import { ShareField, SubjectField } from './DisclosureList';

const DisclosureDetails = () => {
  const record = useRecordContext<LegalDisclosure>();
  if (!record) return null;
  return (
    <DetailsGrid>
      <Detail source="disclosedOn">
        <DayField source="disclosedOn" />
      </Detail>
      <Detail source="authority">{record.authority}</Detail>
      <Detail source="basisType">
        <EnumField source="basisType" group="basis_types" />
      </Detail>
      <Detail source="legalBasis">{record.legalBasis}</Detail>
      <Detail source="requestReference">{record.requestReference || '—'}</Detail>
      <Detail source="approvedBy">{record.approvedBy}</Detail>
      <Detail source="subjectId">
        {/* The person by masked name (one recorded names request), with the id they are filed under. */}
        <NamesProvider staff={[]} subjects={[record.subjectId]}>
          <SubjectField />
        </NamesProvider>
        <br />
        <Mono>{record.subjectId}</Mono>
      </Detail>
      <Detail source="shareWithSubject">
        <ShareField />
      </Detail>
      <Detail source="items" wide>
        <span style={{ whiteSpace: 'pre-line' }}>{record.items}</span>
      </Detail>
      <Detail source="notes" wide>
        <span style={{ whiteSpace: 'pre-line' }}>{record.notes || '—'}</span>
      </Detail>
    </DetailsGrid>
  );
};

export const DisclosureShow = () => (
  <RegisterShow>
    <DisclosureDetails />
  </RegisterShow>
);
