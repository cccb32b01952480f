<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AnswerScreen</name>
    <message>
        <source>Answer screen</source>
        <translation>Pantalla de respuesta</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>Volver a todas las preguntas</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to the questions of this section</source>
        <translation>Volver a las preguntas de esta sección</translation>
    </message>
    <message>
        <source>Changes the size of the writing</source>
        <translation>Cambia el tamaño de la letra</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>White writing on black, or back</source>
        <translation>Letra blanca sobre negro, o al revés</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Controles</translation>
    </message>
    <message>
        <source>A++, largest text</source>
        <translation>A++, letra muy grande</translation>
    </message>
    <message>
        <source>A+, larger text</source>
        <translation>A+, letra grande</translation>
    </message>
    <message>
        <source>A, normal text</source>
        <translation>A, letra normal</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Respuesta: %1</translation>
    </message>
    <message>
        <source>This answer is only in %1.</source>
        <translation>Esta respuesta solo está en %1.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>Parar la lectura en voz alta</translation>
    </message>
    <message>
        <source>Stops the voice</source>
        <translation>Para la voz</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Reads the question and answer aloud</source>
        <translation>Lee en voz alta la pregunta y la respuesta</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Answer: scroll bar</source>
        <translation>Respuesta: barra de desplazamiento</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Fuente: %1</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Home screen</source>
        <translation>Pantalla de inicio</translation>
    </message>
    <message>
        <source>Question tiles</source>
        <translation>Botones de preguntas</translation>
    </message>
    <message>
        <source>Section tiles</source>
        <translation>Botones de secciones</translation>
    </message>
    <message>
        <source>Home page</source>
        <translation>Página de inicio</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Questions: scroll bar</source>
        <translation>Preguntas: barra de desplazamiento</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n pregunta</numerusform>
            <numerusform>%n preguntas</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the answer</source>
        <translation>Abre la respuesta</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still reading?</source>
        <translation>¿Sigue leyendo?</translation>
    </message>
    <message>
        <source>Keep reading</source>
        <translation>Seguir leyendo</translation>
    </message>
    <message>
        <source>Stay on this page</source>
        <translation>Quedarse en esta página</translation>
    </message>
    <message numerus="yes">
        <source>If not, this screen goes back to the start in %n seconds.</source>
        <translation>
            <numerusform>Si no, esta pantalla vuelve al inicio en %n segundo.</numerusform>
            <numerusform>Si no, esta pantalla vuelve al inicio en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tap the screen to keep reading.</source>
        <translation>Toque la pantalla para seguir leyendo.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
</context>
<context>
    <name>KioskWords</name>
    <message>
        <source>en</source>
        <comment>The BCP 47 tag of this language: the language of these words</comment>
        <translation>es</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Choose the language of the kiosk</source>
        <translation>Elija el idioma de la pantalla</translation>
    </message>
</context>
<context>
    <name>LanguageScreen</name>
    <message>
        <source>Languages screen</source>
        <translation>Pantalla de idiomas</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Languages: scroll bar</source>
        <translation>Idiomas: barra de desplazamiento</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Controles</translation>
    </message>
    <message>
        <source>Choose a language</source>
        <translation>Elija un idioma</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to where you were</source>
        <translation>Volver a donde estaba</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>Volver a todas las preguntas</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <source>Section screen</source>
        <translation>Pantalla de sección</translation>
    </message>
    <message>
        <source>Question tiles</source>
        <translation>Botones de preguntas</translation>
    </message>
    <message>
        <source>Section page</source>
        <translation>Página de sección</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Questions: scroll bar</source>
        <translation>Preguntas: barra de desplazamiento</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>Controles</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Back to all questions</source>
        <translation>Volver a todas las preguntas</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to the sections</source>
        <translation>Volver a las secciones</translation>
    </message>
    <message>
        <source>Opens the answer</source>
        <translation>Abre la respuesta</translation>
    </message>
</context>
<context>
    <name>TakeHome</name>
    <message>
        <source>Scan to read this at home</source>
        <translation>Escanee para leerlo en casa</translation>
    </message>
    <message>
        <source>Scan for our clinic&apos;s web page</source>
        <translation>Escanee para ver la página web de nuestra clínica</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
    </message>
</context>
<context>
    <name>UnavailableScreen</name>
    <message>
        <source>Information screen is being updated</source>
        <translation>Estamos actualizando la pantalla de información</translation>
    </message>
    <message>
        <source>Please ask our staff if you have a question.</source>
        <translation>Si tiene alguna pregunta, consulte a nuestro personal.</translation>
    </message>
</context>
</TS>
