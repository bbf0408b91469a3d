import { describe, expect, it } from 'vitest';
import { listObjectsV2Xml, listPartsXml, listUploadsXml } from './s3-shim.mjs';

describe('s3 shim XML', () => {
  it('builds a ListPartsResult with quoted ETags, escaping and the next marker', () => {
    const xml = listPartsXml({
      bucket: 'lectern',
      key: 'videos/a&b <1>/source',
      uploadId: 'u1',
      partNumberMarker: 0,
      maxParts: 2,
      isTruncated: true,
      parts: [
        { partNumber: 1, etag: 'abc', size: 5242880, lastModified: new Date('2026-01-02T03:04:05Z') },
        { partNumber: 2, etag: 'def', size: 10, lastModified: new Date('2026-01-02T03:04:06Z') },
      ],
    });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListPartsResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/);
    expect(xml).toContain('<Key>videos/a&amp;b &lt;1&gt;/source</Key>');
    expect(xml).toContain('<UploadId>u1</UploadId><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>');
    expect(xml).toContain('<Part><PartNumber>1</PartNumber><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>5242880</Size></Part>');
    expect(xml.endsWith('</ListPartsResult>')).toBe(true);
  });

  it('keeps the marker when a page is empty', () => {
    const xml = listPartsXml({ bucket: 'b', key: 'k', uploadId: 'u', partNumberMarker: 7, maxParts: 1000, isTruncated: false, parts: [] });
    expect(xml).toContain('<NextPartNumberMarker>7</NextPartNumberMarker>');
    expect(xml).not.toContain('<Part>');
  });

  it('builds a ListMultipartUploadsResult with next markers only when truncated', () => {
    const uploads = [{ key: 'a', uploadId: 'u1', initiated: new Date('2026-01-01T00:00:00Z') }];
    const truncated = listUploadsXml({ bucket: 'b', prefix: '', keyMarker: '', uploadIdMarker: '', maxUploads: 1, isTruncated: true, uploads });
    expect(truncated).toContain('<NextKeyMarker>a</NextKeyMarker><NextUploadIdMarker>u1</NextUploadIdMarker>');
    expect(truncated).toContain('<Upload><Key>a</Key><UploadId>u1</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass></Upload>');
    const done = listUploadsXml({ bucket: 'b', prefix: '', keyMarker: '', uploadIdMarker: '', maxUploads: 1000, isTruncated: false, uploads });
    expect(done).toContain('<NextKeyMarker></NextKeyMarker>');
  });

  it('builds a ListObjectsV2 page with its continuation token', () => {
    const xml = listObjectsV2Xml({
      bucket: 'b',
      prefix: 'p/',
      delimiter: '',
      maxKeys: 1,
      isTruncated: true,
      nextContinuationToken: 'tok',
      objects: [{ key: 'p/a', lastModified: new Date('2026-01-01T00:00:00Z'), etag: '"e"', size: 3 }],
      commonPrefixes: [],
    });
    expect(xml).toContain('<NextContinuationToken>tok</NextContinuationToken><KeyCount>1</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated>');
    expect(xml).toContain('<Contents><Key>p/a</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>3</Size>');
  });
});
