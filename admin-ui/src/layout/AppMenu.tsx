import { Divider, ListSubheader } from '@mui/material';
import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import { useQuery } from '@tanstack/react-query';
import { createElement } from 'react';
import { Menu, useAuthProvider, useGetResourceLabel, useSidebarState, useTranslate } from 'react-admin';
import { MENU_GROUPS, visibleGroups, type MenuEntry } from './menuGroups';

const entryKey = (entry: MenuEntry) => `${entry.access.resource}:${entry.access.action}`;

/** Which entries of the menu the person may open: one question to the rules per distinct check. */
const useMenuAccess = () => {
  const authProvider = useAuthProvider();
  const checks = [...new Set(MENU_GROUPS.flatMap((group) => group.items.map(entryKey)))];
  return useQuery({
    queryKey: ['auth', 'canAccess', 'menu', checks],
    queryFn: async () => {
      const answers = await Promise.all(
        checks.map(async (check) => {
          const [resource, action] = check.split(':') as [string, string];
          return [check, authProvider?.canAccess ? await authProvider.canAccess({ resource, action }) : true] as const;
        }),
      );
      return new Map(answers);
    },
  });
};

const MenuEntryItem = ({ entry }: { entry: MenuEntry }) => {
  const translate = useTranslate();
  const resourceLabel = useGetResourceLabel();
  const label = entry.resource !== undefined ? resourceLabel(entry.resource, 2) : translate(entry.label);
  return (
    <Menu.Item
      to={entry.to}
      primaryText={label}
      leftIcon={entry.icon ? createElement(entry.icon) : undefined}
      data-testid={entry.testId}
    />
  );
};

/**
 * Home, then the screens grouped by work (menuGroups.ts). A group shows only the screens the
 * person's rules let them open, and not at all when none; with the sidebar collapsed to icons,
 * a line stands in for each heading.
 */
export const AppMenu = () => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const { data: access } = useMenuAccess();
  const groups =
    access === undefined ? [] : visibleGroups(MENU_GROUPS, (entry) => access.get(entryKey(entry)) === true);
  return (
    <Menu>
      <Menu.DashboardItem primaryText="app.menu.home" leftIcon={<HomeOutlinedIcon />} />
      {groups.map((group) => (
        <nav key={group.key} aria-label={translate(group.label)} data-testid={`menu-group-${group.key}`}>
          {open ? (
            <ListSubheader
              component="div"
              disableSticky
              sx={{ lineHeight: 2.5, mt: 1, bgcolor: 'transparent', fontWeight: 600 }}
            >
              {translate(group.label)}
            </ListSubheader>
          ) : (
            <Divider sx={{ my: 1 }} />
          )}
          {group.items.map((entry) => (
            <MenuEntryItem key={entry.to} entry={entry} />
          ))}
        </nav>
      ))}
    </Menu>
  );
};
