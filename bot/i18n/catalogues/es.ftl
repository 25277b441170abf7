### Español. Traducido de en.ftl; tuteo, tono cercano y directo como el original.

## Errores

error-internal = Algo ha fallado por nuestra parte.
error-internal-reference = Algo ha fallado por nuestra parte (referencia { $reference }).
error-not-audio =
    Ese archivo no tiene audio que yo pueda leer. Envía un mensaje de voz o un archivo de audio (ogg, mp3, m4a, wav, flac, webm) en el que hables tú.
error-no-speech =
    No he oído a nadie hablar en esa grabación. Grábate hablando con claridad, cerca del micrófono, entre 10 y 30 segundos.
error-too-short =
    En esa grabación se habla demasiado poco: hacen falta al menos 3 segundos, y entre 10 y 30 dan el mejor clon. Graba un mensaje más largo y vuelve a intentarlo.
error-too-large = Ese archivo es demasiado grande. Envía una grabación más corta: con 30 segundos de voz basta y sobra.
error-download-failed = No he podido descargar ese archivo. Vuelve a enviarlo en un momento.
error-consent-required =
    Necesito tu consentimiento antes de clonar una voz. Confirma que es tu propia voz y que aceptas que se clone.
error-cooldown = Lo estás haciendo demasiado seguido. Vuelve a intentarlo { $wait }.
error-voice-limit-reached = Ya tienes el máximo de voces permitido aquí: borra una primero.
next-step-delete-voice = Usa { $cmd_voice_delete } para borrar una.
error-disabled-here = Los administradores de esta comunidad han desactivado esto aquí.
error-not-allowed = Aquí no puedes hacer eso. Pregunta a un administrador de esta comunidad.
error-not-owner = Esa voz no es tuya: solo puedes usar y gestionar tus propias voces.
error-voice-not-found = No encuentro esa voz entre las tuyas.
next-step-list-voices = Usa { $cmd_voices } para ver las voces que tienes.
error-busy = Ahora mismo estoy ocupado con otros clones. Vuelve a intentarlo dentro de un minuto.
error-quota-exhausted =
    Se ha agotado la cuota del servicio de voz de este bot. Un operador tiene que recargarla; vuelve a intentarlo más tarde.
error-clone-slots-full =
    La cuenta de voz de este bot no tiene huecos libres para clones. Un operador tiene que liberar alguno; vuelve a intentarlo más tarde.
error-bad-quality =
    Al servicio de voz la grabación le ha parecido demasiado ruidosa o poco clara. Vuelve a grabar en una habitación tranquila, cerca del micrófono.
error-format-rejected =
    El servicio de voz no ha podido leer ese audio. Prueba con otra grabación o con otro formato.
error-invalid-language = El servicio de voz no admite ese idioma.
error-service-misconfigured =
    El bot no está bien configurado para el servicio de voz. Avisa a un operador; no es algo que puedas arreglar tú.
error-service-unavailable = El servicio de voz no responde ahora mismo. Vuelve a intentarlo dentro de unos minutos.
error-consent-expired =
    Esta solicitud ha caducado o ya se respondió. Vuelve a enviar tu grabación para empezar de nuevo.
error-not-your-button = Solo puede responder la persona que lo pidió.
error-restarting = El bot se está reiniciando. Vuelve a dar tu consentimiento dentro de un minuto.
error-request-in-progress = Tu solicitud anterior para esta grabación todavía se está tramitando.
error-first-request-processing = Tu primera solicitud todavía se está procesando.
error-erased-during-clone =
    Tus datos se borraron mientras se hacía este clon, así que también se ha borrado su voz.
error-not-own-recording =
    Solo puedes clonar tu propia voz: esa grabación la envió otra persona.
error-clone-in-progress =
    Todavía se está clonando tu voz. Vuelve a ejecutar { $cmd_forget_me } dentro de un minuto, cuando termine, y también se borrará.
error-no-voice-yet = Todavía no tienes ninguna voz: clona una primero.
next-step-clone = Usa { $cmd_clone } con una grabación en la que hables tú.
error-name-length = El nombre de una voz debe tener entre 1 y { $max } caracteres.
error-description-length = Una descripción puede tener como máximo { $max } caracteres.
error-preview-not-ready = La muestra de esta voz todavía se está preparando. Vuelve a intentarlo en un momento.
error-field-update-not-allowed = El servicio de voz no permite cambiar el campo «{ $field }» de una voz.
error-field-update-not-allowed-any = El servicio de voz no permite cambiar ese campo de una voz.
error-role-required = Para clonar voces necesitas el rol que exige esta comunidad. Pregunta a un administrador.
error-members-only = Aquí solo pueden clonar voces los miembros que autorizaron los administradores. Pregunta a un administrador.
error-cloning-disabled = Los administradores de esta comunidad han desactivado aquí la clonación de voces.
error-say-disabled = Los administradores de esta comunidad han desactivado aquí { $cmd_say }.
error-settings-admins-only = Solo los administradores de esta comunidad pueden cambiar sus ajustes.
error-settings-view-admins-only = Solo los administradores de esta comunidad pueden ver y cambiar sus ajustes.
error-settings-need-community = Los ajustes son de un servidor o de un espacio de trabajo: ejecútalo allí.
error-setting-unknown = Ajuste desconocido: { $name }. Ajustes: { $known }.
error-setting-not-on-off = { $name } tiene que ser sí o no, no { $value }.
error-setting-not-number = { $name } tiene que ser un número.
error-setting-out-of-range = { $name } tiene que estar entre { $low } y { $high }.
error-setting-not-choice = { $name } tiene que ser uno de estos valores: { $choices }, no { $value }.
error-setting-not-channel = { $name } tiene que ser un canal de esta comunidad, no { $value }.
error-setting-prefixes = { $name } admite como máximo { $count } prefijos separados por espacios, cada uno de { $length } caracteres como máximo.
error-say-nothing-left = Sin las menciones ni los enlaces, no queda nada que decir.
error-say-too-long =
    Ese texto es demasiado largo: como máximo { $max ->
        [one] { $max } carácter
       *[other] { $max } caracteres
    }.
error-say-recording-too-long = Ese texto daría una grabación demasiado larga: di menos de una vez.
error-busy-says = Ahora mismo se está diciendo mucho. Vuelve a intentarlo dentro de un minuto.
error-busy-community-says = En esta comunidad se está diciendo mucho ahora mismo. Vuelve a intentarlo dentro de un minuto.
error-busy-member-speech =
    Ya tienes { $max ->
        [one] un mensaje de voz
       *[other] { $max } mensajes de voz
    } generándose, en cola o sonando, el máximo a la vez: espera a que termine uno.
error-voice-queue-full = La cola del canal de voz está llena ({ $max } como máximo): vuelve a intentarlo cuando se haya reproducido.
error-voice-queue-seconds = Ya hay mucho que decir en el canal de voz: vuelve a intentarlo dentro de un minuto.
error-voice-speech-too-long = Decir eso llevaría unos { $seconds } s, y un canal de voz admite como máximo { $max } s de una vez: di menos o haz menos pausas.
error-voice-speech-cut = Tu mensaje se cortó a los { $max } s, lo máximo que un canal de voz reproduce de una vez.
error-no-speech-model = Ninguno de los modelos de habla sabe aún el idioma de esta voz.
error-file-empty = Ese archivo está vacío. Envía un mensaje de voz o un archivo de audio en el que hables tú.
error-video-no-sound = Ese vídeo no tiene sonido. Envía un vídeo o un archivo de audio en el que hables.
error-recording-too-long =
    Esa grabación es demasiado larga (el límite es { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }). Envía una más corta: con 30 segundos de voz basta y sobra.
error-file-too-large =
    Ese archivo es demasiado grande (el límite es { $megabytes } MB). Envía una grabación más corta: con 30 segundos de voz basta y sobra.
error-speech-too-short =
    En esa grabación solo se habla unos { NUMBER($seconds, maximumFractionDigits: 1) } s: hacen falta al menos { $min } s, y entre 10 y 30 dan el mejor clon. Graba un mensaje más largo y vuelve a intentarlo.
error-server-only = Eso solo funciona en un servidor.
error-interrupted-by-restart =
    Un reinicio del bot ha interrumpido esta solicitud. Vuelve a usar { $cmd_clone } con tu grabación.
error-message-gone = Ya no encuentro ese mensaje. Vuelve a enviar tu grabación.
error-recording-not-visible =
    Ya no puedo ver esa grabación. Vuelve a usar «{ menu-clone-this-voice }» sobre ella o envíamela por mensaje directo.
error-no-audio-attachment =
    Ese mensaje no tiene ningún audio adjunto. Usa esto sobre un mensaje de voz o un archivo de audio.
error-upload-too-large = Eso da una grabación demasiado larga para publicarla aquí: di menos de una vez.
error-slack-sign-in-page =
    No he podido descargar tu clip: Slack me ha enviado una página de inicio de sesión en lugar del audio, lo que significa que a esta aplicación le falta el permiso files:read. Pide a un administrador del espacio de trabajo que añada el permiso files:read y reinstale la aplicación, y luego vuelve a enviar tu clip.
error-slack-clip-gone = Ya no encuentro ese clip: puede que se haya borrado. Vuelve a enviármelo.
error-bad-quality-clipped =
    Esa grabación está distorsionada: tu voz satura (demasiado fuerte para el micrófono). Vuelve a grabar un poco más lejos del micrófono o con el nivel de entrada más bajo.
error-bad-quality-quiet =
    Esa grabación es demasiado baja para clonarla. Vuelve a grabar cerca del micrófono, hablando a un volumen normal.
error-bad-quality-noisy =
    Hay demasiado ruido de fondo: suena tan fuerte como tu voz. Vuelve a grabar en una habitación tranquila, cerca del micrófono.
error-too-slow-to-read =
    Leer ese archivo tarda demasiado. Envía una grabación más corta o un formato común (un mensaje de voz, mp3, m4a o wav).
error-too-much-memory =
    Leer ese archivo necesita más memoria de la que permito. Envía una grabación más corta o un formato común (un mensaje de voz, mp3, m4a o wav).
error-unreadable-file =
    No he podido leer ese archivo. Envía un mensaje de voz o un formato de audio común (ogg, mp3, m4a, wav, flac).
tip-quiet = Consejo: habla más cerca del micrófono; la grabación suena baja.
tip-clipped = Consejo: aleja un poco el micrófono; las partes fuertes se distorsionan.
tip-noisy =
    Consejo: graba en un sitio más tranquilo; se oye ruido de fondo detrás de tu voz.
error-code-note = { $code }
error-code-note-reference = { $code } · referencia { $reference }

## Consentimiento

consent-statement-version = 2026-12-01.1
consent-statement =
    Confirmo que esta grabación es mi propia voz. Acepto que se envíe a la Async Voice API para crear un clon de voz que solo yo podré usar, aquí y en mis mensajes directos con este bot. La grabación en sí no se conserva. Puedo borrar la voz cuando quiera, o borrar todo lo que hay sobre mí con { $cmd_forget_me }.
consent-title = Antes de clonar esta voz
consent-title-slack = ¿Clonar tu voz a partir de este clip?
consent-title-slack-named = ¿Clonar tu voz a partir de este clip como { $name }?
consent-confirm-own-voice = Confirma que es tu propia voz.
consent-instructions =
    Pulsa «{ button-consent }» para seguir, o «{ button-cancel }». No se envía nada a ningún sitio hasta que lo pulses. Esta solicitud caduca dentro de { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
consent-only-you =
    Solo tú puedes responder. Esta solicitud caduca dentro de { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
consent-sent-to-dm = Te he enviado la petición de consentimiento por mensaje directo: respóndela allí.
consent-cancelled = Cancelado: no se ha enviado ni cambiado nada.
consent-cancelled-clip = Cancelado: no clonaré este clip.

## Botones

button-consent = Doy mi consentimiento, es mi voz
button-cancel = Cancelar
button-erase-everything = Borrarlo todo
button-preview = Escuchar
button-make-default = Usar por defecto
button-delete = Borrar
button-keep = Conservarla

## Progreso

progress-reading = Descargando tu grabación…
progress-reading-clip = Descargando tu clip…
progress-converting = Convirtiendo el audio…
progress-converting-clip = Convirtiendo tu clip…
progress-cloning = Clonando tu voz, tardará unos segundos…
progress-cloning-short = Clonando tu voz…
progress-preview = Obteniendo una muestra…
progress-working = Estoy en ello…
progress-erasing = Borrando…

## Resultados

clone-ready = Tu voz { $name } está lista.
voice-languages = Idiomas: { $languages }
languages-not-detected = aún sin detectar
preview-link = Muestra: { $url }
preview-listen = escúchala
preview-posted-below = Muestra: publicada abajo.
preview-not-ready = La muestra aún no está lista: vuelve a intentarlo en un momento.
preview-not-ready-slack = La muestra aún no está lista: prueba { $cmd_voices } → { button-preview } dentro de un minuto.
clone-next-steps = Úsala con { $cmd_say }; gestiónala con { $cmd_voices }.
clone-next-steps-slack = Úsala con `{ $cmd_say } tu texto`; gestiona tus voces con `{ $cmd_voices }`.
preview-title = Muestra de { $name }
say-file-title = Clon de voz por IA: { $name }
preview-of = Muestra de { $name }: { $url }
preview-sent-to-dm = Te he enviado la muestra de { $name } por mensaje directo.
preview-named-not-ready = La muestra de { $name } aún no está lista: vuelve a intentarlo dentro de un minuto.
renamed = Nuevo nombre: { $voice }
default-voice-is = Voz predeterminada: { $voice }
default-now = { $name } es ahora tu voz predeterminada.
deleted = { $name } borrada.
default-marker = predeterminada
say-label = 🔊 Clon de voz por IA de { $owner } («{ $voice }»): { $text }
say-usage = Dime qué tengo que decir: `{ $cmd_say } ¡Hola a todos!`
say-sent-to-dm =
    No puedo publicar en este canal (invítame primero), así que te he enviado el audio por mensaje directo.

## Listas de voces

voices-title = Tus voces
voices-title-count = Tus voces ({ $count })
voices-none =
    Todavía no tienes ninguna voz clonada. Usa { $cmd_clone } con una grabación en la que hables tú, o envíame un mensaje de voz por mensaje directo.
voices-none-short = Todavía no tienes voces.
voices-none-slack = Todavía no tienes voces. Envíame un clip de audio por mensaje directo para clonar la tuya.
voices-more = …y { $count } más.
voices-more-slack = …y { $count } más. Borra alguna para ver aquí las demás.
voices-count =
    Tienes { $count ->
        [one] { $count } voz
       *[other] { $count } voces
    }.
delete-confirm-title = ¿Borrar esta voz?
delete-confirm-text = { $name } se borrará para siempre.

## Olvídame

forget-title = ¿Borrar todo lo que hay sobre ti?
forget-body =
    Se borrarán todas tus voces clonadas en el servicio de voz y todos los datos que este bot guarda sobre ti. No se puede deshacer.
forget-title-slack = ¿Borrar todas tus voces y todo lo que sé de ti?
forget-body-slack =
    Tus voces clonadas se borran del servicio de voz, y se eliminan tus solicitudes, tus consentimientos y tu historial. No se puede deshacer.
forget-done =
    Hecho: se ha borrado todo lo que había sobre ti ({ $voices ->
        [one] { $voices } voz borrada
       *[other] { $voices } voces borradas
    } en el servicio de voz; { $requests ->
        [one] { $requests } solicitud
       *[other] { $requests } solicitudes
    }, { $consents ->
        [one] { $consents } registro de consentimiento
       *[other] { $consents } registros de consentimiento
    } y { $pending ->
        [one] { $pending } clic pendiente
       *[other] { $pending } clics pendientes
    } eliminados).
forget-done-slack =
    Hecho: he borrado { $voices ->
        [one] { $voices } voz
       *[other] { $voices } voces
    } y he olvidado todo lo que sabía de ti.
forget-cancelled = Cancelado: no se ha borrado nada.

## Ayuda

dm-help =
    Envíame un mensaje de voz (o un archivo de audio) en el que hables entre 10 y 30 segundos, y clonaré tu voz cuando lo confirmes. En un servidor, usa { $cmd_clone } o «{ menu-clone-this-voice }» sobre tu propio mensaje de voz.
how-to-record =
    Primero necesito una grabación de tu voz. Abre un mensaje directo conmigo, pulsa el botón del micrófono para grabar un clip de audio (o adjunta un archivo de audio), habla con claridad entre 10 y 30 segundos y envíalo. Después te pediré tu consentimiento; o usa `{ $cmd_clone } [nombre]` en los { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } siguientes al envío.

## Ajustes de administración

settings-title-server = Ajustes de clonación de voz de este servidor
settings-title = Ajustes de clonación de voz de aquí
settings-updated = { $name } actualizado.
settings-cloning = Clonación: { $value }
settings-say = { $cmd_say }: { $value }
settings-required-role = Rol requerido: { $value }
settings-voices-per-member = Voces por miembro: { $value }
settings-cooldown = Espera entre clones: { $value }
settings-max-say = Longitud máxima de { $cmd_say }: { $count ->
        [one] { $count } carácter
       *[other] { $count } caracteres
    }
settings-read = Leer mensajes en voz alta: { $value }
settings-read-channel = Canal de lectura: { $value }
settings-read-max = Mensaje más largo que se lee: { $count ->
        [one] { $count } carácter
       *[other] { $count } caracteres
    }
settings-read-ignore-prefixes = No se lee si empieza por: { $value }
settings-read-emoji = Emojis: { $value }
settings-read-emoji-names = se leen por su nombre
settings-read-emoji-off = se omiten
settings-read-announce = Decir quién habla: { $value }
settings-read-announce-off = nunca
settings-read-announce-on-change = cuando otro miembro habló entre medias
settings-read-rates = Caracteres leídos por minuto: { $member } por miembro, { $community } para el servidor
settings-change-hint = Cambia uno con `{ $cmd_clone_settings } <ajuste> <valor>`.
settings-usage =
    Uso: `{ $cmd_clone_settings }` para ver los ajustes, `{ $cmd_clone_settings } <ajuste> <valor>` para cambiar uno.
value-on = sí
value-off = no
value-none = ninguno
value-anyone = cualquiera

read-code-block = un bloque de código
read-spoiler = un spoiler
read-link = un enlace a { $domain }
read-link-plain = un enlace
read-images = { $count ->
    [one] envió una imagen
    [many] envió { $count } imágenes
   *[other] envió { $count } imágenes
}
read-files = { $count ->
    [one] envió un archivo
    [many] envió { $count } archivos
   *[other] envió { $count } archivos
}
read-sticker = envió un sticker: { $name }
read-sticker-unnamed = envió un sticker
read-forwarded = reenvió un mensaje
read-and-more = y más

## Canales de voz (Discord).

say-posted-as-audio = Publicado aquí como audio: no estás en un canal de voz en el que yo pueda hablar.
voice-speaking-in = Hablando en { $channel }.
voice-queued-in = En cola en { $channel } ({ $position } antes).
voice-not-speaking = Aquí no estoy hablando en ningún canal de voz.
voice-stopped =
    Me he detenido y he salido del canal de voz ({ $dropped ->
        [one] { $dropped } mensaje descartado
       *[other] { $dropped } mensajes descartados
    }).
voice-skipped = Saltado.
voice-nothing-playing = No está sonando nada.

## Reading messages aloud (/read, Discord).

read-announce = { $name }: { $text }
read-on-joined = Leo tus mensajes en voz alta con { $voice }, en { $channel }. Escribe en su chat mientras estés dentro.
read-on-elsewhere = La lectura está activada, con { $voice }. Empieza cuando tú y yo estemos en el mismo canal de voz: entra en uno y escribe en su chat.
read-on-busy = La lectura está activada, con { $voice }. Estoy hablando en otro canal de voz de aquí: empieza cuando tú y yo estemos en el mismo canal.
read-off-done = La lectura de tus mensajes está desactivada.
read-off-already = La lectura ya estaba desactivada.
read-status-on = La lectura de tus mensajes está activada, con { $voice }.
read-status-off = La lectura de tus mensajes está desactivada. Actívala con { $cmd_read_on }.
error-read-needs-message-content = Para leer mensajes en voz alta, el bot necesita su contenido, que no recibe. Un operador debe activar `Message Content Intent` en el portal de desarrolladores de Discord (página Bot), poner `DISCORD_MESSAGE_CONTENT=true` y reiniciar el bot.
error-read-disabled = Los administradores de esta comunidad han desactivado aquí la lectura de mensajes en voz alta.
error-busy-reading = Demasiados mensajes tuyos esperan a ser leídos.

## Comandos de Discord

cmd-clone-name = clonar
cmd-clone-desc = Clona tu voz a partir de una grabación en la que hables
cmd-clone-opt-sample-name = grabación
cmd-clone-opt-sample-desc = Un mensaje de voz o archivo de audio en el que hables (mejor entre 10 y 30 segundos)
cmd-clone-opt-name-name = nombre
cmd-clone-opt-name-desc = Un nombre para la voz
cmd-clone-opt-description-name = descripción
cmd-clone-opt-description-desc = Una breve descripción de la voz
cmd-clone-opt-accent-name = acento
cmd-clone-opt-accent-desc = El acento, p. ej. «Español (México)»
cmd-clone-opt-gender-name = género
cmd-clone-opt-gender-desc = El género de la voz
cmd-clone-opt-style-name = estilo
cmd-clone-opt-style-desc = Estilos de habla, separados por comas, p. ej. «Narración»
cmd-clone-opt-enhance-name = mejorar
cmd-clone-opt-enhance-desc = Quitar el ruido de fondo antes de clonar
cmd-clone-opt-transcript-name = transcripción
cmd-clone-opt-transcript-desc = Lo que dices en la grabación (mejora el clon)
cmd-voices-name = voces
cmd-voices-desc = Muestra tus voces clonadas
cmd-voice-name = voz
cmd-voice-desc = Gestiona una de tus voces clonadas
cmd-voice-preview-name = escuchar
cmd-voice-preview-desc = Escucha una muestra de una de tus voces
cmd-voice-preview-opt-voice-name = voz
cmd-voice-preview-opt-voice-desc = Qué voz (si no lo indicas, la predeterminada)
cmd-voice-rename-name = renombrar
cmd-voice-rename-desc = Cambia el nombre de una de tus voces
cmd-voice-rename-opt-voice-name = voz
cmd-voice-rename-opt-voice-desc = Qué voz
cmd-voice-rename-opt-name-name = nombre
cmd-voice-rename-opt-name-desc = El nuevo nombre
cmd-voice-rename-opt-description-name = descripción
cmd-voice-rename-opt-description-desc = Una nueva descripción
cmd-voice-default-name = predeterminada
cmd-voice-default-desc = Haz que una de tus voces sea la predeterminada para /{ cmd-say-name }
cmd-voice-default-opt-voice-name = voz
cmd-voice-default-opt-voice-desc = Qué voz
cmd-voice-delete-name = borrar
cmd-voice-delete-desc = Borra una de tus voces
cmd-voice-delete-opt-voice-name = voz
cmd-voice-delete-opt-voice-desc = Qué voz
cmd-forget-me-name = olvídame
cmd-forget-me-desc = Borra tus voces y todo lo que hay sobre ti
cmd-say-name = decir
cmd-say-desc = Di algo con tu voz clonada
cmd-say-opt-text-name = texto
cmd-say-opt-text-desc = Qué decir
cmd-say-opt-voice-name = voz
cmd-say-opt-voice-desc = Cuál de tus voces (si no lo indicas, la predeterminada)
cmd-say-opt-private-name = privado
cmd-say-opt-private-desc = Solo lo oyes tú
cmd-clone-settings-name = ajustes-clonación
cmd-clone-settings-desc = Muestra o cambia los ajustes de clonación de voz de este servidor
cmd-clone-settings-opt-cloning-name = clonación
cmd-clone-settings-opt-cloning-desc = Permitir aquí la clonación de voz
cmd-clone-settings-opt-say-name = decir
cmd-clone-settings-opt-say-desc = Permitir aquí /{ cmd-say-name }
cmd-clone-settings-opt-required_role-name = rol_requerido
cmd-clone-settings-opt-required_role-desc = Solo los miembros con este rol pueden clonar y usar /{ cmd-say-name }
cmd-clone-settings-opt-no_required_role-name = sin_rol_requerido
cmd-clone-settings-opt-no_required_role-desc = Quitar el rol requerido
cmd-clone-settings-opt-voices_per_member-name = voces_por_miembro
cmd-clone-settings-opt-voices_per_member-desc = Cuántas voces puede tener cada miembro
cmd-clone-settings-opt-cooldown_seconds-name = espera_segundos
cmd-clone-settings-opt-cooldown_seconds-desc = Segundos entre dos clones de un mismo miembro
cmd-clone-settings-opt-max_say_length-name = longitud_máxima
cmd-clone-settings-opt-max_say_length-desc = El texto más largo para /{ cmd-say-name }, en caracteres
cmd-clone-settings-opt-read-name = leer
cmd-clone-settings-opt-read-desc = Permitir aquí leer en voz alta los mensajes de los miembros
cmd-clone-settings-opt-read_channel-name = canal_de_lectura
cmd-clone-settings-opt-read_channel-desc = Un canal de texto cuyos mensajes también se leen
cmd-clone-settings-opt-no_read_channel-name = sin_canal_de_lectura
cmd-clone-settings-opt-no_read_channel-desc = Quitar el canal de lectura
cmd-clone-settings-opt-read_max_length-name = lectura_longitud_máxima
cmd-clone-settings-opt-read_max_length-desc = El mensaje más largo que se lee, en caracteres
cmd-clone-settings-opt-read_ignore_prefixes-name = lectura_prefijos_ignorados
cmd-clone-settings-opt-read_ignore_prefixes-desc = Los mensajes que empiezan por estos no se leen (separados por espacios)
cmd-clone-settings-opt-read_emoji-name = lectura_emojis
cmd-clone-settings-opt-read_emoji-desc = Si los emojis se leen por su nombre
cmd-clone-settings-opt-read_announce-name = lectura_anunciar_nombre
cmd-clone-settings-opt-read_announce-desc = Si el bot dice quién habla
cmd-clone-settings-opt-read_member_chars_per_minute-name = lectura_caracteres_por_miembro
cmd-clone-settings-opt-read_member_chars_per_minute-desc = Caracteres leídos por minuto para un miembro
cmd-clone-settings-opt-read_server_chars_per_minute-name = lectura_caracteres_por_servidor
cmd-clone-settings-opt-read_server_chars_per_minute-desc = Caracteres leídos por minuto para todo el servidor
cmd-choice-male = Masculina
cmd-choice-female = Femenina
cmd-choice-neutral = Neutra
cmd-choice-unspecified = Sin especificar
cmd-choice-read-their-names = Leer sus nombres
cmd-choice-leave-them-out = Omitirlos
cmd-choice-never = Nunca
cmd-choice-when-another-member-spoke = Cuando otro miembro habló entre medias
menu-clone-this-voice = Clonar esta voz
cmd-voice-stop-name = voz-parar
cmd-voice-stop-desc = Dejar de hablar y salir del canal de voz
cmd-voice-skip-name = voz-saltar
cmd-voice-skip-desc = Saltar lo que el bot está diciendo ahora

## My data, help, the Slack Home tab and welcome.

cmd-my-data-name = mis-datos
cmd-my-data-desc = Descarga todo lo que este bot guarda sobre ti
cmd-help-name = ayuda
cmd-help-desc = Lo que este bot puede hacer por ti aquí
my-data-ready = Aquí tienes todo lo que este bot guarda sobre ti, como archivo JSON. Solo tú puedes verlo.
error-my-data-cooldown = Puedes descargar tus datos una vez por minuto. Vuelve a intentarlo { $wait }.
help-title = Lo que puedo hacer por ti
help-how-to-clone = Clona tu voz de una de tres maneras: { $cmd_clone } con una grabación, «{ menu-clone-this-voice }» sobre tu propio mensaje de voz (en su menú Apps), o envíame un mensaje de voz aquí, en nuestros mensajes directos. Te pido tu consentimiento antes de enviar nada.
help-commands-title = Comandos que puedes usar aquí
help-admin-title = Para los administradores de este servidor
help-cmd-clone = { $cmd_clone }: clona tu voz a partir de una grabación
help-cmd-voices = { $cmd_voices }: tus voces, para escucharlas, renombrarlas, elegir la predeterminada o borrarlas
help-cmd-say = { $cmd_say }: di algo con tu voz clonada
help-cmd-my-data = { $cmd_my_data }: descarga todo lo que este bot guarda sobre ti
help-cmd-forget-me = { $cmd_forget_me }: borra tus voces y todo lo que hay sobre ti
help-cmd-help = { $cmd_help }: este resumen
help-cmd-clone-settings = { $cmd_clone_settings }: muestra o cambia los ajustes de clonación de voz de este servidor
help-status-clone = Clonación de voz en este servidor: { $state }
help-status-say = { $cmd_say } en este servidor: { $state }
help-status-dm = En nuestros mensajes directos puedes clonar tu voz y usar { $cmd_say }.
home-how-to-title = Cómo clonar tu voz
home-how-to = Abre la pestaña *Mensajes* de esta app, graba un clip hablando (de 10 a 30 segundos) o adjunta un archivo de audio, y pulsa «{ button-consent }». Luego usa { $cmd_voices } para gestionar tus voces y { $cmd_say } para hablar con ellas.
home-voices-title = Tus voces
home-no-voices = Todavía no tienes voces.
home-consents-title = Tus consentimientos
home-consent-line = { $when }: declaración de consentimiento versión { $version }, en { $language }
home-no-consents = No hay consentimientos registrados.
home-settings-title = Ajustes de este espacio de trabajo (solo administradores)
button-my-data = Descargar mis datos
button-forget-me = Olvídame
welcome-title = ¡Bienvenido! Puedo clonar tu voz.
cmd-read-name = leer
cmd-read-desc = Lee tus mensajes en voz alta con tu voz clonada
cmd-read-on-name = activar
cmd-read-on-desc = Leer mis mensajes en voz alta en el canal de voz donde estoy
cmd-read-on-opt-voice-name = voz
cmd-read-on-opt-voice-desc = Cuál de tus voces (si no lo indicas, la predeterminada)
cmd-read-off-name = desactivar
cmd-read-off-desc = Dejar de leer mis mensajes en voz alta
cmd-read-status-name = estado
cmd-read-status-desc = ¿Está activada la lectura de mis mensajes?
