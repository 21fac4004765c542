/**
 * The roll-call message in the six official languages of the United Nations, chosen by the
 * contact's notification language ("fr", "fr-CA" → French); any other language gets English.
 * The SMS reply codes stay 1 and 2 in every language, and the words SAFE and HELP are understood
 * whatever the language (see parseSmsReply).
 */
export interface RollCallText {
  reference: string;
  title: string;
  guidance: string;
  place: string;
  url: string;
  /** Dependants the contact also answers for. */
  forOthers: number;
}

interface Template {
  subject(t: RollCallText): string;
  accounting(place: string): string;
  whom(forOthers: number): string;
  tap: string;
  reply: string;
  guidance: string;
  sms(t: RollCallText): string;
}

const TEMPLATES: Record<string, Template> = {
  en: {
    subject: (t) => `Roll call ${t.reference}: are you safe? (${t.place})`,
    accounting: (place) => `The security team is accounting for everyone in ${place}.`,
    whom: (n) =>
      n > 0
        ? `Answer for yourself and the ${n} dependant${n === 1 ? '' : 's'} listed with you.`
        : 'Answer for yourself.',
    tap: 'Tap to answer',
    reply: 'Or reply to the SMS with 1 (SAFE) or 2 (HELP), optionally followed by where you are.',
    guidance: 'Guidance',
    sms: (t) => `${t.reference} ${t.place}: are you safe? Reply 1 SAFE or 2 HELP. ${t.url}`,
  },
  fr: {
    subject: (t) => `Appel ${t.reference} : êtes-vous en sécurité ? (${t.place})`,
    accounting: (place) =>
      `L’équipe de sécurité fait le point sur toutes les personnes présentes à ${place}.`,
    whom: (n) =>
      n > 0
        ? `Répondez pour vous et pour ${n === 1 ? 'la personne à charge indiquée' : `les ${n} personnes à charge indiquées`} avec vous.`
        : 'Répondez pour vous-même.',
    tap: 'Touchez pour répondre',
    reply:
      'Ou répondez au SMS par 1 (SAUF) ou 2 (AIDE), suivi si vous le souhaitez de l’endroit où vous êtes.',
    guidance: 'Consignes',
    sms: (t) => `${t.reference} ${t.place} : êtes-vous en sécurité ? Répondez 1 SAUF ou 2 AIDE. ${t.url}`,
  },
  es: {
    subject: (t) => `Pase de lista ${t.reference}: ¿está a salvo? (${t.place})`,
    accounting: (place) => `El equipo de seguridad está localizando a todas las personas en ${place}.`,
    whom: (n) =>
      n > 0
        ? `Responda por usted y por ${n === 1 ? 'la persona a cargo indicada' : `las ${n} personas a cargo indicadas`} con usted.`
        : 'Responda por usted.',
    tap: 'Toque para responder',
    reply: 'O responda al SMS con 1 (SEGURO) o 2 (AYUDA), y si quiere, dónde se encuentra.',
    guidance: 'Instrucciones',
    sms: (t) => `${t.reference} ${t.place}: ¿está a salvo? Responda 1 SEGURO o 2 AYUDA. ${t.url}`,
  },
  ru: {
    subject: (t) => `Перекличка ${t.reference}: вы в безопасности? (${t.place})`,
    accounting: (place) => `Служба безопасности проверяет всех, кто находится в ${place}.`,
    whom: (n) =>
      n > 0 ? `Ответьте за себя и за иждивенцев, указанных вместе с вами (${n}).` : 'Ответьте за себя.',
    tap: 'Нажмите, чтобы ответить',
    reply: 'Или ответьте на SMS: 1 (SAFE, в безопасности) или 2 (HELP, нужна помощь), можно указать, где вы.',
    guidance: 'Указания',
    sms: (t) => `${t.reference} ${t.place}: вы в безопасности? Ответьте 1 SAFE или 2 HELP. ${t.url}`,
  },
  ar: {
    subject: (t) => `نداء الأسماء ${t.reference}: هل أنت في أمان؟ (${t.place})`,
    accounting: (place) => `يقوم فريق الأمن بالتحقق من سلامة جميع الموجودين في ${place}.`,
    whom: (n) => (n > 0 ? `أجب عن نفسك وعن المعالين المدرجين معك (${n}).` : 'أجب عن نفسك.'),
    tap: 'اضغط للإجابة',
    reply: 'أو رُدّ على الرسالة النصية بـ 1 (SAFE آمن) أو 2 (HELP بحاجة إلى مساعدة)، ويمكنك ذكر مكانك.',
    guidance: 'إرشادات',
    sms: (t) => `${t.reference} ${t.place}: هل أنت في أمان؟ رُدّ 1 SAFE أو 2 HELP. ${t.url}`,
  },
  zh: {
    subject: (t) => `点名 ${t.reference}：您是否安全？（${t.place}）`,
    accounting: (place) => `安保团队正在清点${place}的所有人员。`,
    whom: (n) => (n > 0 ? `请为您本人及与您同列的 ${n} 名受抚养人作答。` : '请为您本人作答。'),
    tap: '点击作答',
    reply: '或回复短信 1（SAFE 安全）或 2（HELP 需要帮助），可附上您所在的位置。',
    guidance: '指引',
    sms: (t) => `${t.reference} ${t.place}：您是否安全？回复 1 SAFE 或 2 HELP。${t.url}`,
  },
};

/** The template language for a notification language tag: its primary subtag, if we have it. */
export function templateLanguage(tag: string | null | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary in TEMPLATES ? primary : 'en';
}

/** The message a contact gets: one-tap link, SMS reply codes, guidance; no one else's name. */
export function rollCallMessage(t: RollCallText, language = 'en') {
  const tpl = TEMPLATES[templateLanguage(language)]!;
  const text = [
    t.title,
    `${tpl.accounting(t.place)} ${tpl.whom(t.forOthers)}`,
    `${tpl.tap}: ${t.url}`,
    tpl.reply,
    t.guidance ? `${tpl.guidance}: ${t.guidance}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject: tpl.subject(t), text, sms: tpl.sms(t) };
}

export const ROLL_CALL_LANGUAGES = Object.keys(TEMPLATES);
