/**
 * The privacy options icon published by the California Privacy Protection Agency for the
 * "Your Privacy Choices" link: a pill, white half with a check, blue half with a cross. Drawn here
 * as inline SVG, decorative (the link text carries the meaning). One path per colour: the blue
 * pill with its white outline, the white half and the cross, then the blue check.
 */
export function PrivacyChoicesIcon() {
  return (
    <svg viewBox="0 0 30 14" width="30" height="14" aria-hidden="true">
      <path d="M7 .5h16a6.5 6.5 0 0 1 0 13H7A6.5 6.5 0 0 1 7 .5z" fill="#06f" stroke="#fff" />
      <path
        d="M7 1h9.4L12.6 13H7A6 6 0 0 1 7 1zm12.4 3.3l1.7 1.7 1.7-1.7 1.2 1.2-1.7 1.7 1.7 1.7-1.2 1.2-1.7-1.7-1.7 1.7-1.2-1.2 1.7-1.7-1.7-1.7z"
        fill="#fff"
      />
      <path d="M5 7.2l1.3-1.3 1.6 1.6 3.3-3.3 1.3 1.3-4.6 4.6z" fill="#06f" />
    </svg>
  );
}
