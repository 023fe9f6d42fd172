import React, {createContext, useContext} from 'react';
import {Text} from 'ink';
import {colorTheme, sgr, type Style, type Theme, type Token} from './theme.js';

export const ThemeContext = createContext<Theme>(colorTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** One styled run of text: Ink props for the colour theme, raw SGR for the mono one. */
export function Paint(props: {style: Style; raw?: boolean; children: string}) {
	if (props.raw) return <Text>{sgr(props.style, props.children)}</Text>;
	return <Text {...props.style}>{props.children}</Text>;
}

/** Text in a semantic style; `selected` is layered on top of the token. */
export function Styled(props: {token?: Token; selected?: boolean; wrap?: 'truncate-end'; children: React.ReactNode}) {
	const theme = useTheme();
	const style = {...theme[props.token ?? 'plain'], ...(props.selected ? theme.selected : {})};
	if (theme.raw && typeof props.children === 'string') {
		return <Text wrap={props.wrap}>{sgr(style, props.children)}</Text>;
	}
	return (
		<Text {...style} wrap={props.wrap}>
			{props.children}
		</Text>
	);
}
