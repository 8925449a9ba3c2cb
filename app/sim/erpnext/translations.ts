// Frappe translates every message through the API user's language (docs/frappe-hr.md §0.4), so a
// client that matches English text breaks on an Arabic site. The simulator can answer in Arabic to
// test that. The Arabic wording is the simulator's own, not HRMS's translation files: what matters
// is that it differs from English while status and exc_type stay the same.
import type { FrappeFailure } from './frappe-failure';

export type MessageLanguage = 'en' | 'ar';

const ARABIC: [RegExp, string][] = [
  [/^'employee_field_value' and 'timestamp' are required\.$/s, "الحقلان 'employee_field_value' و 'timestamp' مطلوبان."],
  [/^No Employee found for the given employee field value\. '(.*)': (.*)$/s, "لم يتم العثور على موظف لقيمة حقل الموظف المعطاة. '$1': $2"],
  [/^Transactions cannot be created for an Inactive Employee (.*)\.$/s, 'لا يمكن إنشاء معاملات لموظف غير نشط $1.'],
  [/^This employee already has a log with the same timestamp\.(.*)$/s, 'لدى هذا الموظف سجل بنفس الطابع الزمني بالفعل.$1'],
  [/^Log Type is required for check-ins falling in the shift: (.*)\.$/s, 'نوع السجل مطلوب لتسجيلات الحضور الواقعة في الوردية: $1.'],
  [/^Latitude and longitude values are required for checking in\.$/s, 'قيم خط العرض وخط الطول مطلوبة لتسجيل الحضور.'],
  [/^You must be within (.*) meters of your shift location to check in\.$/s, 'يجب أن تكون ضمن $1 متر من موقع ورديتك لتسجيل الحضور.'],
  [/^(.*) cannot be "(.*)"\. It should be one of "(.*)"$/s, '$1 لا يمكن أن يكون "$2". يجب أن يكون أحد "$3"'],
  [/^(.*) must be unique$/s, '$1 يجب أن يكون فريدًا'],
  [/^Not permitted$/s, 'غير مسموح'],
  [/^No permission for (.*)$/s, 'لا يوجد إذن لـ $1'],
  [/^Insufficient Permission for (.*)$/s, 'صلاحيات غير كافية لـ $1'],
  [/^Failed to get method for command (.*) with (.*)$/s, 'تعذر الحصول على الدالة للأمر $1 بسبب $2'],
  [/^App (.*) is not installed$/s, 'التطبيق $1 غير مثبت'],
  [/^Message$/s, 'رسالة'],
  [/^Invalid Option$/s, 'خيار غير صالح'],
];

export function translate(language: MessageLanguage, message: string): string {
  if (language === 'en') return message;
  for (const [pattern, template] of ARABIC) {
    if (pattern.test(message)) return message.replace(pattern, template);
  }
  return message;
}

/** The same failure with every human-readable text in the user's language. */
export function translateFailure(failure: FrappeFailure, language: MessageLanguage): FrappeFailure {
  if (language === 'en') return failure;
  const say = (text: string | undefined) => (text === undefined ? undefined : translate(language, text));
  return {
    ...failure,
    exceptionText: failure.status === 417 || failure.status === 403 || failure.status === 404 ? say(failure.exceptionText) : failure.exceptionText,
    errorMessage: say(failure.errorMessage),
    messages: failure.messages.map((entry) => ({ ...entry, message: translate(language, entry.message), title: say(entry.title ?? 'Message') })),
  };
}
