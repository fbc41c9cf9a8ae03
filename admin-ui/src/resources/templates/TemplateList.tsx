import {
  BooleanField,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { useIsPhone } from '../../components/usePhone';
import { T, type MessageTemplate } from './templateTypes';

const CHANNELS = ['email', 'sms', 'app_push', 'letter', 'regulator_portal'] as const;

/** Letters, notices and messages: what each says, in which channel, at which version. */
export const TemplateList = () => {
  const translate = useTranslate();
  const isPhone = useIsPhone();
  const [locale] = useLocaleState();
  const purpose = (t: Pick<MessageTemplate, 'description' | 'descriptionKo'>) =>
    locale === 'en' ? t.description : t.descriptionKo;
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput
      key="channel"
      source="channel"
      alwaysOn
      choices={CHANNELS.map((id) => ({ id, name: translate(`${T}.channels.${id}`) }))}
    />,
  ];
  return (
    <List filters={filters} sort={{ field: 'key', order: 'ASC' }} perPage={50} title={`${T}.title`}>
      {isPhone ? (
        // At 390 px: the key, what it is for, and its channel and version, one entry per template.
        <SimpleList<MessageTemplate>
          linkType="show"
          primaryText={(r) => r.key}
          secondaryText={purpose}
          tertiaryText={(r) => `${translate(`${T}.channels.${r.channel}`)} · v${r.version}`}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="key" />
          <DataTable.Col source="description" disableSort render={purpose} />
          <DataTable.Col
            source="channel"
            render={(r: { channel: string }) => translate(`${T}.channels.${r.channel}`)}
          />
          <DataTable.Col source="version" disableSort />
          <DataTable.Col source="deleteContentAfterSend" disableSort>
            <BooleanField source="deleteContentAfterSend" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};
