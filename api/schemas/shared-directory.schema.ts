import { Type } from '@sinclair/typebox';
import { SHARING_TYPES } from '../../domain/catalog';
import { codes, IntegerId, Pagination } from './common';
import { DepartmentCode } from './catalog.schema';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([Type.Null(), t]);

/** 第三十一条: what the 共享目录 shows of an entry — metadata only. */
export const DirectoryEntryView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  dataItems: Type.Array(Type.String()),
  summary: Type.String(),
  sharingType: Type.String(),
  /** 共享条件或不予共享的依据（第三十条） */
  sharingBasis: Nullable(Type.String()),
  sharingMethod: Type.String(),
  updateCycle: Type.String(),
  updateFrequency: Type.String(),
  usageRequirements: Type.String(),
  encodingFormat: Type.String(),
});

export const PublicationView = Type.Object({
  catalogVersion: Type.Integer(),
  publishedBy: Type.String(),
  publishedAt: Type.String(),
  entryCount: Type.Integer(),
});

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: '在名称、代码、数据项和摘要中查找，空格分隔多个词' })),
    departmentCode: Type.Optional(DepartmentCode),
    sharingType: Type.Optional(codes(SHARING_TYPES, '共享类型')),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const DirectoryView = Type.Object({
  published: Type.Union([Type.Null(), PublicationView]),
  total: Type.Integer(),
  items: Type.Array(DirectoryEntryView),
});

export const PublishBody = Type.Object(
  { catalogVersion: Type.Optional(IntegerId('发布的目录版本，缺省为最新版本')) },
  { additionalProperties: false },
);
