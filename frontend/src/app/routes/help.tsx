// Help: the usage instructions that every page links to from its footer: registering
// with an EDS, applying for a permit and following its review; how to get
// an EDS (the AUTH and the SIGN key files) and how to install NCALayer, which the EDS forms link
// to (/help#get-eds, /help#ncalayer); what staff need to know; and a person to ask, from the
// department's configuration (the `help` feature).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { HelpContact } from '@/features/help/components/help-contact';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useHashTarget } from '@/hooks/use-hash-target';

const SECTIONS = [
  { id: 'help-register', heading: 'help.register.heading' },
  { id: 'help-apply', heading: 'help.apply.heading' },
  { id: 'help-review', heading: 'help.review.heading' },
  { id: 'get-eds', heading: 'help.getEds.heading' },
  { id: 'ncalayer', heading: 'help.ncalayer.heading' },
  { id: 'staff', heading: 'help.staff.heading' },
  { id: 'help-trouble', heading: 'help.troubleHeading' },
  { id: 'contact', heading: 'help.contact.heading' },
] as const;

export function HelpRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('help.title'));
  useHashTarget();

  return (
    <>
      <h1>{t('help.title')}</h1>
      <p className="lead">{t('help.intro')}</p>

      <nav aria-labelledby="help-contents" className="help-contents">
        <h2 id="help-contents" className="help-contents__heading">
          {t('help.contents')}
        </h2>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{t(section.heading)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="help-register">
        <h2 id="help-register">{t('help.register.heading')}</h2>
        <p>
          {t('help.register.eds')} <a href="#get-eds">{t('help.getEds.heading')}</a>
        </p>
        <p>{t('help.register.agreement')}</p>
        <p>{t('help.register.renew')}</p>
      </section>

      <section aria-labelledby="help-apply">
        <h2 id="help-apply">{t('help.apply.heading')}</h2>
        <p>{t('help.apply.body')}</p>
        <p>{t('help.apply.draft')}</p>
      </section>

      <section aria-labelledby="help-review">
        <h2 id="help-review">{t('help.review.heading')}</h2>
        <p>{t('help.review.body')}</p>
        <p>{t('help.review.corrections')}</p>
        <p>{t('help.review.result')}</p>
      </section>

      <section aria-labelledby="get-eds">
        <h2 id="get-eds">{t('help.getEds.heading')}</h2>
        <p>{t('help.getEds.who')}</p>
        <p>{t('help.getEds.files')}</p>
        <ul>
          <li>{t('help.getEds.auth')}</li>
          <li>{t('help.getEds.sign')}</li>
        </ul>
        <p>{t('help.getEds.entity')}</p>
        <p>{t('help.getEds.validity')}</p>
      </section>

      <section aria-labelledby="ncalayer">
        <h2 id="ncalayer">{t('help.ncalayer.heading')}</h2>
        <p>{t('help.ncalayer.what')}</p>
        <ol className="steps">
          <li>{t('help.ncalayer.download')}</li>
          <li>{t('help.ncalayer.run')}</li>
          <li>{t('help.ncalayer.reload')}</li>
        </ol>
        <p>{t('help.ncalayer.withoutIt')}</p>
      </section>

      <section aria-labelledby="staff">
        <h2 id="staff">{t('help.staff.heading')}</h2>
        <p>{t('help.staff.queue')}</p>
        <p>{t('help.staff.assign')}</p>
        <p>{t('help.staff.deadlines')}</p>
        <p>{t('help.staff.sign')}</p>
        <p>{t('help.staff.ask')}</p>
      </section>

      <section aria-labelledby="help-trouble">
        <h2 id="help-trouble">{t('help.troubleHeading')}</h2>
        <p>
          {t('help.trouble')} <Link to={paths.status}>{t('nav.status')}</Link>
        </p>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">{t('help.contact.heading')}</h2>
        <HelpContact />
      </section>
    </>
  );
}
