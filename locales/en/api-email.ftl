# Emails (src/email/mod.rs): `email-<template>-subject` and `email-<template>-body`.
# A body keeps its line breaks and blank lines exactly; its last line, { "" }, keeps the
# final line break (Fluent drops trailing blank lines).

email-complaint_forwarded-subject = The ministry has forwarded a complaint: { $category }
email-complaint_forwarded-body =
    Hello, { $name }!

    The ministry has forwarded a complaint against your organisation ({ $category }).

    The ministry's summary:

    { $summary }

    Details and the ministry's decision, when it is taken:

    { $link }

    Any pressure on workers because of a complaint is a violation in itself.

    Kind regards,
    The Orgnabor team
    { "" }

email-complaint_status-subject = Your complaint ({ $category }): { $state }
email-complaint_status-body =
    Hello, { $name }!

    Your complaint ({ $category }) is now: { $state }.

    Outcome: { $outcome }

    The party you complained about does not learn who complained, unless the ministry decides that its outcome requires it.

    Every step of your complaint is here:

    { $link }

    Kind regards,
    The Orgnabor team
    { "" }

email-contract_offered-subject = Your contract for «{ $vacancy }» is ready to read
email-contract_offered-body =
    Hello, { $name }!

    The employer has written and signed version { $version } of your contract for the vacancy «{ $vacancy }».
    Read it in your language before you confirm it:

    { $link }

    Check the salary, the hours, the housing and the start date. You pay no fee: the employer pays the
    costs of recruitment. If anything is unclear, ask before you confirm.

    Kind regards,
    The Orgnabor team
    { "" }

email-followup_due-subject = Orgnabor follow-up: how is work at «{ $vacancy }»?
email-followup_due-body =
    Hello, { $name }!

    It is time for your follow-up about your work at «{ $vacancy }» (due { $due }). Five short questions:
    are you paid on time and in full, are the hours and the housing as in your contract, and is your
    passport in your own hands?

    { $link }

    Your employer does not see your answers. If something is wrong, say so: the ministry will act.

    Kind regards,
    The Orgnabor team
    { "" }

email-invite-subject = You are invited to { $organisation } on Orgnabor
email-invite-body =
    Hello, { $name }!

    An account has been opened for you at Orgnabor as a member of { $organisation }. To choose your password and sign in, please open this link:

    { $link }

    The link is valid for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } and works once. If you did not expect this invitation, ignore this email.

    Kind regards,
    The Orgnabor team
    { "" }

email-licence_active-subject = Your recruitment agency's licence is active
email-licence_active-body =
    Hello,

    The agency { $agency }, which represents you on Orgnabor, holds an active licence { $number }, valid until { $valid_to } for the regions { $regions }. It may act on your behalf.

    Remember: you never have to pay anyone to get a job.

    Kind regards,
    The Orgnabor team
    { "" }

email-licence_changed-subject = Important: your recruitment agency cannot act for you at the moment
email-licence_changed-body =
    Hello,

    The agency { $agency }, which represents you on Orgnabor, now has the licence status "{ $status }". Until its licence is active again, the agency cannot act on your behalf: it cannot propose you to employers or move your applications forward.

    Your profile and your applications are kept. You can continue looking for work on your own, or contact a pre-departure centre or the ministry hotline for help, including choosing another licensed agency.

    Remember: you never have to pay anyone to get a job.

    Kind regards,
    The Orgnabor team
    { "" }

email-licence_staff-subject = Licence { $number } of { $agency }: { $action }
email-licence_staff-body =
    Hello,

    The licence { $number } of { $agency } has been { $action }. Its status is now "{ $status }"; it is valid from { $valid_from } to { $valid_to } for the regions { $regions }.

    Reason: { $reason }

    While the licence is not active, the agency cannot act for candidates on Orgnabor.

    Kind regards,
    The Orgnabor team
    { "" }

email-passport_review_resolved-subject = Registration { $reference }: the ministry's decision
email-passport_review_resolved-body =
    Hello, { $name }!

    The registration { $reference } you submitted gave a passport number that was already on file, so the ministry reviewed it.

    Decision: { $outcome }

    The ministry's note:
    { $note }

    Kind regards,
    The Orgnabor team
    { "" }

email-placement_changed-subject = Placement for «{ $vacancy }»: { $state }
email-placement_changed-body =
    Hello, { $name }!

    The placement for the vacancy «{ $vacancy }» has moved from "{ $from }" to "{ $state }".

    Reason given: { $reason }

    Every step of the case is here:

    { $link }

    Kind regards,
    The Orgnabor team
    { "" }

email-placement_new-subject = New on Orgnabor: { $origin } for «{ $vacancy }»
email-placement_new-body =
    Hello, { $name }!

    There is a new placement for the vacancy «{ $vacancy }» on Orgnabor: { $origin }.

    You can see it, with why the candidate and the vacancy fit, here:

    { $link }

    Remember: workers never pay for a job. Recruitment costs are paid by the employer.

    Kind regards,
    The Orgnabor team
    { "" }

email-readiness_expired-subject = Before departure for «{ $vacancy }»: an item of your readiness is no longer valid
email-readiness_expired-body =
    Hello, { $name }!

    For a departure on { $date } for the vacancy «{ $vacancy }», these items of the readiness checklist are no longer valid:

    { $items }

    Renew them at the pre-departure centre: until then the departure is refused. Every step of the case is here:

    { $link }

    Kind regards,
    The Orgnabor team
    { "" }

email-readiness_missing-subject = Approved: before departure for «{ $vacancy }» you still need
email-readiness_missing-body =
    Hello, { $name }!

    The placement for the vacancy «{ $vacancy }» is approved. For a departure by { $date }, these items of the readiness checklist are still missing or not valid:

    { $items }

    The pre-departure centre checks each of them with you. Every step of the case is here:

    { $link }

    Kind regards,
    The Orgnabor team
    { "" }

email-register_taken-subject = Someone tried to register with your address — Orgnabor
email-register_taken-body =
    Hello, { $name }!

    Someone tried to open a new Orgnabor account with this email address. You already have an account, so nothing was changed.

    If it was you, simply sign in; if you forgot your password, use "Forgot password" on the sign-in page. If it was not you, you can ignore this email.

    Kind regards,
    The Orgnabor team
    { "" }

email-reset-subject = Password reset — Orgnabor
email-reset-body =
    Hello, { $name }!

    We received a request to reset the password of your Orgnabor account. To choose a new password, please open this link:

    { $link }

    The link is valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. If you did not ask for a password reset, ignore this email: your password will stay the same.

    Kind regards,
    The Orgnabor team
    { "" }

email-verify-subject = Confirm your email address — Orgnabor
email-verify-body =
    Hello, { $name }!

    You have registered at Orgnabor, the exchange for organized recruitment of workers to Russia. To confirm your email address, please open this link:

    { $link }

    The link is valid for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }. If you did not register, simply ignore this email.

    Please remember: Orgnabor and the licensed agencies that work through it never charge workers any fees. Under ILO Convention No. 181, recruitment costs are paid by the employer. If anyone asks you for money for a job, do not pay and let us know.

    Kind regards,
    The Orgnabor team
    { "" }
