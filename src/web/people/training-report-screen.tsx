import { useState } from 'react';
import { useCourses, useTrainingReport } from '../api/people-queries';
import { useOrganizations } from '../api/queries';
import { useMe } from '../auth/session';
import { CertificateBadge } from '../travel/badges';
import { SelectField } from '../ui/field';
import { PageHeader, TableWrap } from '../ui/page';
import { Empty, ErrorState, Loading, LoadMore } from '../ui/states';
import { PeopleNav } from './people-nav';

/** An organization's people and their training: counts per course, then person by person. */
export default function TrainingReportScreen() {
  const me = useMe();
  const organizations = useOrganizations();
  const courses = useCourses();
  const own = organizations.data?.find((o) => o.id === me.organizationId)?.code ?? '';
  const [chosen, setChosen] = useState<string | null>(null);
  const organization = chosen ?? own;
  const [course, setCourse] = useState('');
  const report = useTrainingReport(organization, course, Boolean(organization));
  const pages = report.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  const codes = first ? Object.keys(first.summary) : [];
  return (
    <>
      <PageHeader
        title="Training report"
        description="Valid, expiring (within 90 days), expired and missing certificates."
      />
      <PeopleNav />
      <div className="toolbar">
        <SelectField
          label="Organization"
          value={organization}
          onChange={setChosen}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
          placeholder="Choose"
        />
        <SelectField
          label="Course"
          value={course}
          onChange={setCourse}
          options={(courses.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="All courses"
        />
      </div>
      {!organization ? (
        <Empty>Choose an organization.</Empty>
      ) : report.isPending ? (
        <Loading label="Loading the report…" />
      ) : report.isError && !first ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : first ? (
        <>
          <TableWrap label="Summary">
            <table data-testid="training-summary">
              <caption>At {first.at}</caption>
              <thead>
                <tr>
                  <th scope="col">Course</th>
                  <th scope="col" className="num">
                    Valid
                  </th>
                  <th scope="col" className="num">
                    Expiring
                  </th>
                  <th scope="col" className="num">
                    Expired
                  </th>
                  <th scope="col" className="num">
                    Missing
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(first.summary).map(([code, s]) => (
                  <tr key={code}>
                    <td>{code}</td>
                    <td className="num">{s.valid}</td>
                    <td className="num">{s.expiring}</td>
                    <td className="num">{s.expired}</td>
                    <td className="num">{s.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap label="People">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Duty station</th>
                  {codes.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.personId}>
                    <td>
                      {i.name}
                      <div className="muted small">{i.externalId}</div>
                    </td>
                    <td>{i.dutyStationCode ?? '—'}</td>
                    {codes.map((c) => {
                      const s = i.courses[c];
                      return (
                        <td key={c}>
                          {s ? <CertificateBadge status={s.state} /> : '—'}
                          {s?.expiresOn ? <div className="muted small">{s.expiresOn}</div> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <LoadMore query={report} />
        </>
      ) : null}
    </>
  );
}
