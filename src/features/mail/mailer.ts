import type { Transporter } from 'nodemailer';

/** Where e-mail goes out: an SMTP server (smtp:// or smtps://, with credentials in the URL) and the sender. */
export interface MailOptions {
  smtpUrl: string;
  /** The From address: `CityBridge <citybridge@example.org>`. */
  from: string;
}

/** One plain-text e-mail to one recipient, in one language. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The language it is written in (BCP 47), sent as Content-Language. */
  language: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * A mailer for the configured SMTP server, or null when none is configured: then the app sends no e-mail and
 * nothing that would have sent one fails.
 */
export function createMailer(options: MailOptions | undefined): Mailer | null {
  if (!options) return null;
  // nodemailer is loaded with the first e-mail: a process that sends none never pays for it.
  let transport: Promise<Transporter> | undefined;
  const connect = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(options.smtpUrl),
    );
    return transport;
  };
  return {
    async send(mail) {
      await (await connect()).sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.language },
      });
    },
    close: () => {
      transport?.then(
        (opened) => opened.close(),
        () => {},
      );
    },
  };
}
