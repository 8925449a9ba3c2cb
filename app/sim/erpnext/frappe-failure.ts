// A Frappe exception as the simulator holds it before it becomes an HTTP answer: what
// frappe-errors.ts builds and renders, and what translations.ts rewrites into the site's language.
export interface ServerMessage {
  message: string;
  raised: boolean;
  /** frappe.throw(title=...); "Message" when none is given. */
  title?: string;
}

export interface FrappeFailure {
  status: number;
  /** The exception class name, sent as `exc_type` (v1) or `type` (v2). */
  excType: string;
  /** The qualified class name that starts the traceback's last line. */
  excPath: string;
  /** The text after `excPath: ` on the traceback's last line. */
  exceptionText?: string;
  /** Messages Frappe's msgprint collected; `raised` marks the one frappe.throw raised. */
  messages: ServerMessage[];
  /** check_permission's text, carried in `_error_message` instead of `_server_messages`. */
  errorMessage?: string;
}
