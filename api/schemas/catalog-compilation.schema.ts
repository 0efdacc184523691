import { Type } from '@sinclair/typebox';
import { COMPILATION_KINDS } from '../../domain/catalog-compilation';
import { ApplicationView, CatalogChange, CreatedChange } from './catalog.schema';
import { codes, Deadline, Level } from './common';

export const CompilationKind = codes(COMPILATION_KINDS, 'first_compilation 首次编制 / yearly_review 年度复核 / addition 新增目录');

const RequestId = Type.String({
  minLength: 8,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
  description: '客户端生成的请求号：同一请求号重复提交只产生一个流程',
});
const Description = Type.String({ minLength: 1, maxLength: 2000, description: '编制说明' });

/** 第十六条: the department's 目录清单 as one application; a first compilation and an addition only add. */
export const CompilationBody = Type.Object(
  {
    requestId: RequestId,
    kind: CompilationKind,
    description: Description,
    changes: Type.Array(CatalogChange, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const CreatedCompilation = CreatedChange;

export const CompilationSummary = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  catalogVersion: Type.Union([Type.Integer(), Type.Null()]),
});

export const CompilationView = Type.Intersect([
  CompilationSummary,
  Type.Object({
    stage: Type.String({ description: 'under_review | returned | approved | starting' }),
    level: Level,
    deadline: Type.Union([Deadline, Type.Null()]),
    applications: Type.Array(ApplicationView),
  }),
]);

export const CompilationList = Type.Object({ items: Type.Array(CompilationSummary) });

/** The fields sent beside the spreadsheet (multipart form fields). */
export const ImportFields = Type.Object(
  { requestId: RequestId, kind: CompilationKind, description: Description },
  { additionalProperties: false },
);

export const TemplateQuery = Type.Object(
  { format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }) },
  { additionalProperties: false },
);

/** 422: every error of the sheet, by row and column; nothing was written. */
export const SheetErrorsResponse = Type.Object({
  statusCode: Type.Integer(),
  code: Type.Literal('SHEET_INVALID'),
  error: Type.String(),
  message: Type.String(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: '表格行号（表头为第 1 行）；0 表示整张表' }),
      column: Type.String({ description: '列名（中文表头）' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});
