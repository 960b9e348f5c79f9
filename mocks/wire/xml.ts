import { childElements, readXml, textOf, XmlError } from '../../src/lib/xml/xml.ts';

export { XmlError } from '../../src/lib/xml/xml.ts';

/**
 * The one XML shape REDCap imports take, read with the shared reader (src/lib/xml): a root
 * element (`<records>`) holding row elements (`<item>`) whose children are `<name>value</name>`
 * cells, or (one-row imports) a bare `<item>` root. Attributes are ignored; a cell holding elements is
 * an error.
 */
export function readXmlRows(text: string, single = false): [string, string][][] {
  const root = readXml(text);
  // Where one row is expected (Create Project, Import Project Info), a bare `<item>` is that
  // row: client libraries send the settings that way.
  const items = single && root.name === 'item' ? [root] : childElements(root);
  return items.map((item) =>
    childElements(item).map((cell): [string, string] => {
      if (childElements(cell).length > 0) {
        throw new XmlError(`<${cell.name}> may hold only text`, 0, 0);
      }
      return [cell.name, textOf(cell)];
    }),
  );
}
