import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

/** The browser tab shows the console's name in the chosen language. */
export const useDocumentTitle = (): void => {
  const translate = useTranslate();
  const title = translate('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
};
