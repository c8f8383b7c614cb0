# The written employment contract (src/render/contract.rs), read by the worker.
# Variables: $id, $version, $amount (already grouped), $source, $hours, $months, $days,
# $details, $date, $time, $code, $page, $pages, $day, $month (1-12), $year.

contract-title = Employment contract
contract-number = Contract No. { $id }, version { $version }
contract-draft = Draft — not valid until both sides sign
contract-superseded = This version was replaced by a newer version. It is no longer valid.

section-parties = Parties
label-employer = Employer
label-inn = Taxpayer number (INN)
label-agency = Recruitment agency
label-licence = Licence number
label-worker = Worker
label-citizenship = Citizenship

section-job = The job
label-vacancy = Vacancy
label-occupation = Occupation
label-workplace = Place of work

section-pay = Pay and working hours
label-salary = Salary
salary-value = { $amount } ₽ a month
label-minimum-wage = Minimum wage here
minimum-wage-value = { $amount } ₽ a month ({ $source })
label-hours = Working hours
hours-value =
    { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } a week
label-hours-reason = Why more than 40 hours

section-term = Term
label-start = First working day
label-duration = Length of the contract
duration-value =
    { $months ->
        [one] { $months } month
       *[other] { $months } months
    }

section-conditions = Living and working conditions
label-housing = Housing
label-meals = Meals
label-transport = Transport to work
provided = Provided: { $details }
not-provided = Not provided
label-leave = Paid leave
leave-value =
    { $days ->
        [one] { $days } day
       *[other] { $days } days
    } a year

section-costs = Costs the employer pays
label-travel = Travel to the place of work
label-medical = Medical check and insurance
label-permit = Work permit (patent)
yes = Yes
no = No

fee-title = Recruitment fees
fee-value = Fee you pay: { $amount } ₽ — the employer pays (ILO Convention 181, Article 7).
fee-warning = Nobody may take money from you for this job. If someone asks you to pay, it is fraud.

section-signatures = Signatures
employer-signed = Signed by the employer on { $date } at { $time } UTC
worker-signed = Signed by the worker on { $date } at { $time } UTC
not-signed = Not yet signed

section-verify = Is this contract real?
verify-code = Verification code: { $code }
verify-hint = Scan the QR code or open this address to check the contract:

page-footer = Contract { $id } · version { $version } · page { $page } of { $pages }

date =
    { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
number-group-separator = ,
