# Titles and details of the API's problem+json answers (src/error.rs): `error-<code>`.
# Ids are the old keys with dots turned into hyphens (see `crate::i18n::fluent_id`).
# Variables: $correlation_id (error-internal_detail).

error-account_disabled = Bu hisob oʻchirib qoʻyilgan.
error-already_open = Bu nomzodning ushbu vakansiyaga ochiq arizasi allaqachon bor.
error-already_reviewed = Siz ular haqida bu bosqichda allaqachon sharh yozgansiz.
error-cap_exceeded = Bu kvota limitidan qolganidan koʻp.
error-conflict = Soʻrov resursning joriy holatiga zid.
error-consent_required = Bu amal uchun nomzodning roziligi talab qilinadi.
error-email_taken = Bu elektron pochta manzili bilan hisob allaqachon mavjud.
error-employer_restricted = Vazirlik bu ish beruvchini cheklagan: cheklov olib tashlanmaguncha yangi arizalar tasdiqlanmaydi.
error-forbidden = Sizda bu amalni bajarish uchun ruxsat yoʻq.
error-internal = Serverning ichki xatosi.
error-internal_detail = Ichki xatolik yuz berdi. Qoʻllab-quvvatlash xizmatiga murojaat qilganda quyidagi identifikatorni koʻrsating: { $correlation_id }.
error-invalid_claim_code = Kod yaroqsiz: u xato terilgan, muddati oʻtgan yoki allaqachon ishlatilgan boʻlishi mumkin. Markazdan yangi kod soʻrang.
error-invalid_credentials = Elektron pochta yoki parol notoʻgʻri.
error-invalid_path = Soʻrov manzilidagi parametrlar notoʻgʻri.
error-invalid_query = Soʻrov parametrlari notoʻgʻri.
error-invalid_token = Token yaroqsiz.
error-invalid_transition = Holatni bunday oʻzgartirishga ruxsat berilmaydi.
error-invalid_verification_code = Bu yaroqsiz tekshiruv kodi: ehtimol, u xato terilgan. Uni hujjat bilan belgima-belgi solishtiring.
error-labour_market_test_failed = Avval ish mahalliy bozorda taklif qilinishi kerak: vakansiya yetarlicha uzoq eʼlon qilinib, toʻlmagan boʻlishi kerak.
error-licence_not_active = Agentlik litsenziyasi amalda emas, shu sababli bu amalni bajarib boʻlmaydi.
error-malformed_body = Soʻrov mazmuni kutilgan tuzilishdagi yaroqli JSON emas.
error-method_not_allowed = Bu resurs uchun ushbu HTTP usuliga ruxsat berilmagan.
error-no_positions_left = Bu vakansiyaning barcha oʻrinlari band.
error-no_quota_cap = Vazirlik bu yil, hudud va kasb uchun kvota limitini belgilamagan.
error-not_found = Soʻralgan resurs topilmadi.
error-not_ready = Joʻnashga tayyor emas: baʼzi tayyorgarlik bandlari yoʻq yoki joʻnash sanasida amal qilmaydi.
error-occupation_closed = Bu kasb ushbu hududda va yilda chet ellik ishchilar uchun yopiq.
error-payload_too_large = Soʻrov hajmi juda katta.
error-quota_exhausted = Ish beruvchida bu hudud, kasb va yil uchun tasdiqlangan kvota qolmadi.
error-rate_limited = Soʻrovlar juda koʻp. Birozdan keyin qayta urinib koʻring.
error-refresh_token_reused = Yangilash tokeni ikki marta ishlatildi. Xavfsizlik maqsadida ushbu kirishning barcha seanslari bekor qilindi. Qaytadan kiring.
error-region_not_licensed = Agentlik litsenziyasi bu hududni qamrab olmaydi.
error-review_not_allowed = Sharh ish boshlangandan keyin va ish tugagach yana bir marta yoziladi.
error-service_unavailable = Xizmat vaqtincha ishlamayapti. Keyinroq qayta urinib koʻring.
error-session_full = Bu mashgʻulotda joy qolmadi: barcha joylar band. Boshqa mashgʻulotni tanlang.
error-session_not_started = Qatnashuvni faqat mashgʻulot boshlangandan keyin belgilash mumkin.
error-session_started = Mashgʻulot allaqachon boshlangan, unga yozilishlarni endi oʻzgartirib boʻlmaydi.
error-token_expired = Tokenning amal qilish muddati tugagan. Qaytadan kiring.
error-unauthenticated = Tizimga kirish talab qilinadi.
error-unsupported_media_type = Soʻrovning kontent turi qoʻllab-quvvatlanmaydi.
error-validation_failed = Soʻrovda notoʻgʻri toʻldirilgan maydonlar bor.
error-worker_fee_forbidden = Ishga joylashtirish uchun ishchidan haq olinmaydi: ish beruvchi toʻlaydi (XMT 181-sonli Konvensiyasi, 7-modda).
