// The department's performance, public (docs/transparency.md): for a range of months (by default
// the API's, the last twelve), the headline figures, then decisions per month, working days to a
// decision per month, and decisions per permit type, each as a chart with its data table beside
// it, and every organisation's figures (approvals deemed given among them) as a table. The months
// live in the address.
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import type { Language } from '@/i18n/languages';
import { getPerformance, type MonthRange } from '../api/get-performance';
import type { Figures, MonthFigures, PerformanceView } from '../api/open-data-types';
import { CHART_COLOURS, type ChartSpec } from '../lib/chart-spec';
import {
  everyMonth,
  formatMonth,
  formatNumber,
  formatShare,
  monthRangeProblem,
  peakOf,
  rangeOf,
  totalsOf,
  type MonthRangeProblem,
} from '../lib/figures';
import { useLanguage, useLocalized } from '../lib/format';
import { monthRangeOf, monthRangeSearch } from '../lib/performance-range';
import { FigureChart } from './figure-chart';
import './open-data.css';

interface RangeFormProps {
  initial: MonthRange;
  onShow: (range: MonthRange) => void;
}

function RangeForm({ initial, onShow }: RangeFormProps) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [problem, setProblem] = useState<MonthRangeProblem | null>(null);

  function show(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = monthRangeProblem(from.trim(), to.trim());
    setProblem(found);
    if (found) {
      const field = found === 'fromFormat' ? 'from' : 'to';
      event.currentTarget.querySelector<HTMLInputElement>(`input[name="${field}"]`)?.focus();
      return;
    }
    onShow({ from: from.trim() || undefined, to: to.trim() || undefined });
  }

  const fromError = problem === 'fromFormat' ? t('openData.performance.monthFormat') : null;
  const toError =
    problem === 'toFormat'
      ? t('openData.performance.monthFormat')
      : problem === 'order'
        ? t('openData.performance.toBeforeFrom')
        : problem === 'tooLong'
          ? t('openData.performance.tooLong')
          : null;

  return (
    <form className="form form--inline" aria-label={t('openData.performance.rangeLabel')} onSubmit={show} noValidate>
      <Field label={t('openData.performance.from')} hint={t('openData.performance.monthHint')} error={fromError}>
        {(control) => (
          <input {...control} type="month" name="from" placeholder="2026-01" value={from} onChange={(event) => setFrom(event.target.value)} />
        )}
      </Field>
      <Field label={t('openData.performance.to')} error={toError}>
        {(control) => (
          <input {...control} type="month" name="to" placeholder="2026-12" value={to} onChange={(event) => setTo(event.target.value)} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('openData.performance.submit')}
        </button>
      </div>
    </form>
  );
}

/** One headline figure. */
function Headline({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="headline-figures__item" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="headline-figures__value">{value}</span>
        {note && <span className="headline-figures__note">{note}</span>}
      </dd>
    </div>
  );
}

/** The cells every table of figures shares, after its first. */
function figureCells(figures: Figures, language: Language, columns: readonly FigureColumn[]) {
  return columns.map((column) => (
    <td key={column} className="table__number">
      {figureText(figures, column, language)}
    </td>
  ));
}

type FigureColumn = 'received' | 'decided' | 'issued' | 'refused' | 'median' | 'p90' | 'onTime' | 'corrections' | 'deemed';

function figureText(figures: Figures, column: FigureColumn, language: Language): string {
  switch (column) {
    case 'median':
      return formatNumber(figures.median_working_days, language);
    case 'p90':
      return formatNumber(figures.p90_working_days, language);
    case 'onTime':
      return formatShare(figures.on_time_share, language);
    case 'corrections':
      return formatShare(figures.corrections_rate, language);
    case 'deemed':
      return formatNumber(figures.deemed_approvals, language);
    default:
      return formatNumber(figures[column], language);
  }
}

function FigureHeaders({ columns }: { columns: readonly FigureColumn[] }) {
  const { t } = useTranslation();
  return (
    <>
      {columns.map((column) => (
        <th key={column} scope="col">
          {t(`openData.figures.${column}`)}
        </th>
      ))}
    </>
  );
}

/**
 * A table of figures under its caption. Its box scrolls sideways on a narrow screen, so it can
 * take the focus and be scrolled with the keyboard; it is named by the caption.
 */
function FigureTable({ caption, testId, children }: { caption: string; testId: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="table figures-table" data-testid={testId}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

interface MonthTableProps {
  months: readonly MonthFigures[];
  caption: string;
  columns: readonly FigureColumn[];
  testId: string;
}

function MonthTable({ months, caption, columns, testId }: MonthTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <FigureTable caption={caption} testId={testId}>
        <thead>
          <tr>
            <th scope="col">{t('openData.figures.month')}</th>
            <FigureHeaders columns={columns} />
          </tr>
        </thead>
        <tbody>
          {months.map((figures) => (
            <tr key={figures.month}>
              <th scope="row" className="figures-table__month">
                {formatMonth(figures.month, language)}
              </th>
              {figureCells(figures, language, columns)}
            </tr>
          ))}
        </tbody>
    </FigureTable>
  );
}

const DECISION_COLUMNS = ['received', 'decided', 'issued', 'refused'] as const;
const DAYS_COLUMNS = ['median', 'p90', 'onTime', 'corrections'] as const;
const TYPE_COLUMNS = ['received', 'decided', 'issued', 'refused', 'median', 'p90', 'onTime', 'corrections'] as const;
const ORGANISATION_COLUMNS = ['received', 'decided', 'issued', 'refused', 'median', 'p90', 'onTime', 'corrections', 'deemed'] as const;

function Report({ view }: { view: PerformanceView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const localized = useLocalized();
  const months = everyMonth(view, view.months);
  const totals = totalsOf(view);
  const from = formatMonth(view.from, language);
  const to = formatMonth(view.to, language);
  const labels = months.map((figures) => formatMonth(figures.month, language));
  const number = (value: number | null | undefined) => formatNumber(value, language);
  const typeName = (type: PerformanceView['by_type'][number]) => localized(type.name) || type.type;

  const decisionsSpec: ChartSpec = {
    kind: 'bar',
    labels,
    stacked: true,
    valueTitle: t('openData.charts.decisionsAxis'),
    series: [
      { label: t('openData.figures.issued'), data: months.map((figures) => figures.issued), colour: CHART_COLOURS.first },
      { label: t('openData.figures.refused'), data: months.map((figures) => figures.refused), colour: CHART_COLOURS.second },
    ],
  };
  const busiest = peakOf(months.map((figures) => figures.decided));
  const decisionsSummary = busiest
    ? t('openData.charts.decisionsSummary', {
        from,
        to,
        decided: number(totals.decided),
        peak: number(busiest.value),
        month: labels[busiest.index] ?? '',
      })
    : t('openData.charts.decisionsSummaryNone', { from, to });

  const daysSpec: ChartSpec = {
    kind: 'line',
    labels,
    valueTitle: t('openData.charts.daysAxis'),
    series: [
      { label: t('openData.figures.median'), data: months.map((figures) => figures.median_working_days ?? null), colour: CHART_COLOURS.first },
      {
        label: t('openData.figures.p90'),
        data: months.map((figures) => figures.p90_working_days ?? null),
        colour: CHART_COLOURS.second,
        dashed: true,
      },
    ],
  };
  const medians = rangeOf(months.map((figures) => figures.median_working_days));
  const slowest = rangeOf(months.map((figures) => figures.p90_working_days));
  const daysSummary =
    medians && slowest
      ? t('openData.charts.daysSummary', {
          from,
          to,
          min: number(medians.min),
          max: number(medians.max),
          p90: number(slowest.max),
        })
      : t('openData.charts.daysSummaryNone', { from, to });

  const types = view.by_type;
  const typeSpec: ChartSpec = {
    kind: 'bar',
    horizontal: true,
    stacked: true,
    labels: types.map(typeName),
    valueTitle: t('openData.charts.decisionsAxis'),
    series: [
      { label: t('openData.figures.issued'), data: types.map((type) => type.issued), colour: CHART_COLOURS.first },
      { label: t('openData.figures.refused'), data: types.map((type) => type.refused), colour: CHART_COLOURS.second },
    ],
  };
  const busiestType = peakOf(types.map((type) => type.decided));
  const busiestTypeEntry = busiestType ? types[busiestType.index] : undefined;
  const typeSummary =
    busiestType && busiestTypeEntry
      ? t('openData.charts.typesSummary', { from, to, type: typeName(busiestTypeEntry), peak: number(busiestType.value) })
      : t('openData.charts.typesSummaryNone', { from, to });

  return (
    <>
      <p className="lead" data-testid="performance-period">
        {t('openData.performance.period', { from, to })}
      </p>

      <section className="figures-section" aria-labelledby="performance-totals">
        <h2 id="performance-totals">{t('openData.performance.totals')}</h2>
        <dl className="headline-figures" data-testid="performance-totals">
          <Headline testId="total-received" label={t('openData.figures.receivedLong')} value={number(totals.received)} />
          <Headline
            testId="total-decided"
            label={t('openData.figures.decidedLong')}
            value={number(totals.decided)}
            note={t('openData.performance.decidedNote', { issued: number(totals.issued), refused: number(totals.refused) })}
          />
          <Headline testId="total-on-time" label={t('openData.figures.onTimeLong')} value={formatShare(totals.onTimeShare, language)} />
          <Headline
            testId="total-corrections"
            label={t('openData.figures.correctionsLong')}
            value={formatShare(totals.correctionsRate, language)}
          />
          <Headline testId="total-deemed" label={t('openData.figures.deemedLong')} value={number(totals.deemedApprovals)} />
        </dl>
        {totals.decided === 0 && <p>{t('openData.performance.noDecisions')}</p>}
      </section>

      <section className="figures-section" aria-labelledby="performance-decisions">
        <h2 id="performance-decisions">{t('openData.charts.decisions')}</h2>
        <div className="chart-pair">
          <FigureChart spec={decisionsSpec} summary={decisionsSummary} testId="chart-decisions" />
          <MonthTable
            months={months}
            columns={DECISION_COLUMNS}
            caption={t('openData.charts.decisionsCaption', { from, to })}
            testId="table-decisions"
          />
        </div>
      </section>

      <section className="figures-section" aria-labelledby="performance-days">
        <h2 id="performance-days">{t('openData.charts.days')}</h2>
        <p>{t('openData.charts.daysIntro')}</p>
        <div className="chart-pair">
          <FigureChart spec={daysSpec} summary={daysSummary} testId="chart-days" />
          <MonthTable months={months} columns={DAYS_COLUMNS} caption={t('openData.charts.daysCaption', { from, to })} testId="table-days" />
        </div>
      </section>

      <section className="figures-section" aria-labelledby="performance-types">
        <h2 id="performance-types">{t('openData.charts.types')}</h2>
        {types.length === 0 ? (
          <p>{t('openData.performance.noTypes')}</p>
        ) : (
          <>
            <FigureChart spec={typeSpec} summary={typeSummary} testId="chart-types" tall={types.length > 6} />
            <FigureTable caption={t('openData.charts.typesCaption', { from, to })} testId="table-types">
                <thead>
                  <tr>
                    <th scope="col">{t('openData.figures.type')}</th>
                    <FigureHeaders columns={TYPE_COLUMNS} />
                  </tr>
                </thead>
                <tbody>
                  {types.map((type) => (
                    <tr key={type.type}>
                      <th scope="row">{typeName(type)}</th>
                      {figureCells(type, language, TYPE_COLUMNS)}
                    </tr>
                  ))}
                </tbody>
            </FigureTable>
          </>
        )}
      </section>

      <section className="figures-section" aria-labelledby="performance-organisations">
        <h2 id="performance-organisations">{t('openData.performance.organisations')}</h2>
        <p>{t('openData.performance.organisationsIntro')}</p>
        <FigureTable caption={t('openData.performance.organisationsCaption', { from, to })} testId="table-organisations">
            <thead>
              <tr>
                <th scope="col">{t('openData.figures.organisation')}</th>
                <FigureHeaders columns={ORGANISATION_COLUMNS} />
              </tr>
            </thead>
            <tbody>
              {view.by_organisation.map((organisation) => (
                <tr key={organisation.code}>
                  <th scope="row">{localized(organisation.name) || organisation.code}</th>
                  {figureCells(organisation, language, ORGANISATION_COLUMNS)}
                </tr>
              ))}
            </tbody>
        </FigureTable>
      </section>
    </>
  );
}

/** The figures of one range: asked for once, when shown (the page keys it by the range). */
function RangeReport({ range, onShow }: { range: MonthRange; onShow: (range: MonthRange) => void }) {
  const { t } = useTranslation();
  const { from, to } = range;
  const load = useCallback(() => getPerformance({ from, to }), [from, to]);
  const { result } = useApiResult(load);
  const view = result?.ok ? result.data : null;
  // Without months in the address, the form shows the API's default range once it is known.
  const initial: MonthRange = { from: from ?? view?.from, to: to ?? view?.to };
  return (
    <>
      <RangeForm key={`${initial.from ?? ''}:${initial.to ?? ''}`} initial={initial} onShow={onShow} />
      {!result ? (
        <p role="status">{t('common.loading')}</p>
      ) : !result.ok ? (
        <ProblemAlert failure={result.failure} explain={{ 'invalid-query': t('openData.performance.invalidRange') }} />
      ) : (
        <Report view={result.data} />
      )}
    </>
  );
}

export function PerformanceReport() {
  const [params, setParams] = useSearchParams();
  const range = monthRangeOf(params);
  const key = monthRangeSearch(range);
  return <RangeReport key={key} range={range} onShow={(next) => setParams(new URLSearchParams(monthRangeSearch(next)))} />;
}
