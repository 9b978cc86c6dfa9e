// What the browser tests know of the shipped catalogue (api/catalogue/catalogue.json), and a
// document to attach.

/** The sketch approval's name and its form's labels, in Kazakh. */
export const SKETCH = {
  name: 'Эскизді (эскиздік жобаны) келісу',
  objectName: 'Нысанның атауы',
  address: 'Мекенжайы',
  apzNumber: 'СЖТ нөмірі',
  slot: 'Эскиздік жоба',
};

/** A small, well-formed PDF: the server reads a file's type from its bytes. */
export const SKETCH_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 300 200]>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
);
